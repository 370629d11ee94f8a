// The search box of /lieux, with JavaScript: the same suggestions as <scoran-carte> (communes, postal codes, addresses;
// ARIA 1.2 combobox, one request per pause, the count announced). Without JavaScript the form works alone (POST).
// A commune chosen opens its page (/lieux?commune=…, with the form's filters); an address chosen is posted with the
// form, so that it never goes into a URL.
import { ADDRESS_TEXTS, SUGGEST_DELAY_MS, lookup, addressLine, optionHtml } from './propositions.js';

async function graphql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (body?.errors?.length) throw Object.assign(new Error(body.errors[0].message), { code: body.errors[0].extensions?.code });
  if (!response.ok || !body?.data) throw new Error(`HTTP ${response.status}`);
  return body.data;
}

function enhance(form) {
  const input = form.querySelector('input[name=q]');
  if (!input) return;
  const state = {};
  let choices = [];
  let active = -1;
  let timer = null;
  // On a page in another language the server gives the count's words (data-choix: the catalogue's plural forms, the count written %n, and « none »).
  const words = input.dataset.choix ? JSON.parse(input.dataset.choix) : null;
  const plural = new Intl.PluralRules(document.documentElement.lang || 'fr');
  const choicesText = (n) => {
    if (!words) return ADDRESS_TEXTS.choices(n);
    return n === 0 ? words.none : (words[plural.select(n)] ?? words.other).replace('%n', String(n));
  };
  const list = document.createElement('ul');
  list.id = `${input.id}-choix`;
  list.className = 'lieux-choix';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', input.labels?.[0]?.textContent || ADDRESS_TEXTS.label);
  list.hidden = true;
  const live = document.createElement('p');
  live.className = 'visuellement-cache';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  const box = document.createElement('span');
  box.className = 'lieux-combo';
  input.replaceWith(box);
  box.append(input, list, live);
  Object.entries({ role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': list.id, autocomplete: 'off' })
    .forEach(([name, value]) => input.setAttribute(name, value));

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    live.textContent = '';
  };
  const choose = (choice) => {
    close();
    if (choice.commune) {
      const params = new URLSearchParams(new FormData(form));
      params.delete('q');
      params.set('commune', choice.commune.codeInsee);
      window.location.assign(`/lieux?${params}`);
    } else {
      input.value = addressLine(choice.address);
      form.submit();
    }
  };
  const suggest = async () => {
    const text = input.value.trim().slice(0, 100);
    if (text.length < 2) return close();
    try {
      const found = await lookup(graphql, text, 8, state);
      if (input.value.trim().slice(0, 100) !== text) return;
      choices = found;
      active = -1;
      list.innerHTML = choices.map((c, i) => `<li role="option" id="${list.id}-${i}" data-index="${i}" aria-selected="false">${optionHtml(c)}</li>`).join('');
      list.hidden = choices.length === 0;
      input.setAttribute('aria-expanded', String(choices.length > 0));
      input.removeAttribute('aria-activedescendant');
      live.textContent = choicesText(choices.length);
    } catch {
      close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, SUGGEST_DELAY_MS);
  });
  input.addEventListener('keydown', (e) => {
    const open = !list.hidden && choices.length > 0;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open) {
      e.preventDefault();
      active = e.key === 'ArrowDown' ? (active + 1) % choices.length : (active - 1 + choices.length) % choices.length;
      [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
      input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault();
      choose(choices[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  list.addEventListener('mousedown', (e) => e.preventDefault());
  list.addEventListener('click', (e) => {
    const option = e.target.closest('[role=option]');
    if (option) choose(choices[Number(option.dataset.index)]);
  });
}

document.querySelectorAll('form.recherche').forEach(enhance);
