using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Languages;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Integrer;

/// <summary>
/// <c>/integrer</c>: a municipality picks its commune or EPCI and the filters, sees the widget as
/// its inhabitants will, and copies the snippet. The form works with the keyboard; the preview
/// and the snippet are updated by <c>integrer.js</c>.
/// </summary>
internal static class IntegrerPage
{
    public static void Map(WebApplication app, WebOptions options) =>
        app.MapGet("/integrer", () => Page("Mettre la carte sur votre site", "/integrer", Body(options)));

    private static string Body(WebOptions options)
    {
        var services = new StringBuilder();
        foreach (var service in Vocabularies.Services.Values)
        {
            var label = Vocabularies.Services.Label(service);
            services.Append("<label class=\"case\"><input type=\"checkbox\" name=\"services\" value=\"").Append(E(label)).Append("\"> ")
                .Append(E(label)).Append("</label>");
        }

        // Each language named in itself, with its own lang; the first choice leaves the visitor's browser to decide.
        var languages = new StringBuilder("<option value=\"\">Langue du navigateur du visiteur</option>");
        foreach (var language in Language.All)
        {
            languages.Append("<option value=\"").Append(language.Code).Append("\" lang=\"").Append(language.Code).Append("\">")
                .Append(E(language.NativeName)).Append("</option>");
        }

        return $$"""
            <h1>Mettre la carte de l'aide au numérique sur le site de votre commune</h1>
            <p class="chapo">Vos habitants trouvent les lieux d'aide les plus proches, sans quitter votre site.
            La carte n'envoie aucune donnée à un tiers, ne dépose aucun cookie et se lit au clavier et avec un lecteur d'écran.</p>
            <form id="integrer" class="integrer" novalidate>
            <fieldset>
            <legend>1. Votre territoire</legend>
            <div class="choix">
            <label class="case"><input type="radio" name="territoire_type" value="commune" checked> Une commune</label>
            <label class="case"><input type="radio" name="territoire_type" value="epci"> Une intercommunalité</label>
            </div>
            <p><label for="territoire-recherche" id="territoire-label">Nom ou code postal de la commune</label>
            <input id="territoire-recherche" type="text" autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="territoire-choix" aria-describedby="territoire-aide"></p>
            <p id="territoire-aide" class="aide">Tapez au moins 2 lettres, puis choisissez dans la liste avec les flèches et Entrée.</p>
            <ul id="territoire-choix" role="listbox" aria-labelledby="territoire-label" hidden></ul>
            <p id="territoire-choisi" aria-live="polite">Aucun territoire choisi : la carte montrera toute la région.</p>
            </fieldset>
            <fieldset>
            <legend>2. Les lieux à montrer (facultatif)</legend>
            <p class="aide">Sans choix, tous les lieux sont montrés.</p>
            {{services}}
            <label class="case"><input type="checkbox" name="frais_a_charge" value="Gratuit" aria-describedby="gratuit-aide"> Seulement les lieux qui se déclarent gratuits</label>
            <p id="gratuit-aide" class="aide">Peu de lieux indiquent leurs tarifs, et la plupart des autres sont gratuits aussi. S'il n'en reste aucun sur votre territoire, la carte le dit et montre les lieux sans ce filtre.</p>
            <label class="case"><input type="checkbox" name="ateliers" value="{{Workshops.FilterDays}}"> Seulement les lieux avec un atelier dans les {{Workshops.FilterDays}} prochains jours</label>
            </fieldset>
            <fieldset>
            <legend>3. L'affichage</legend>
            <p><label for="hauteur">Hauteur de la carte, en pixels</label> <input id="hauteur" name="hauteur" type="number" min="400" max="1200" step="50" value="650"></p>
            <p><label for="langue">Langue de la carte</label> <select id="langue" name="langue" aria-describedby="langue-aide">{{languages}}</select></p>
            <p id="langue-aide" class="aide">Sans choix, la carte prend la langue du navigateur de chaque visiteur (le français par défaut). Les textes des lieux restent en français.</p>
            </fieldset>
            </form>
            <h2>Le code à copier dans votre page</h2>
            <p>Collez ces deux lignes dans votre page, à l'endroit où la carte doit apparaître.</p>
            <pre class="code"><code id="extrait"></code></pre>
            <p><button type="button" id="copier">Copier le code</button> <span id="copie-etat" role="status"></span></p>
            <p>Vous préférez un lien ? <a id="lien-direct" href="/">Ouvrir la carte avec ces réglages</a></p>
            <h2>Aperçu</h2>
            <div id="apercu" class="apercu"><scoran-carte{{CitizenPages.TileAttributes(options)}}></scoran-carte></div>
            <script src="/widget/scoran-carte.js" defer></script>
            <script src="/widget/integrer.js" defer></script>
            <noscript><p>Cette page a besoin de JavaScript pour l'aperçu. Le code à copier est :
            <code>&lt;script src="{{E("/widget/scoran-carte.js")}}" defer&gt;&lt;/script&gt; &lt;scoran-carte territoire-type="commune" territoires="CODE_INSEE"&gt;&lt;/scoran-carte&gt;</code></p></noscript>
            """;
    }
}
