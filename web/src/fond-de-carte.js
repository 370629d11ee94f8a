// The map's background, from the instance's own origin only: the PMTiles archive /fond-de-carte.pmtiles, read in
// byte ranges (npm pmtiles) and drawn on canvas tiles by protomaps-leaflet. Two kinds of archive:
// - an OpenStreetMap extract of the region installed by the operator (Basemap:Path, a Protomaps basemap build):
//   drawn with the « light » flavour of @protomaps/basemaps, names in the reader's language, streets and places;
// - otherwise the project's own basemap of the territories (geodata/fond-de-carte.pmtiles, metadata
//   « scoran:fond » = « territoires »): region, borders, commune and département names, in a style of our own.
// The `tuiles` attribute (a raster tile server's URL) wins when set: whoever sets it chose that third party.
// Labels are drawn with the browser's own fonts (no glyph or sprite download).
import L from 'leaflet';
import { PMTiles } from 'pmtiles';
import { leafletLayer, CenteredTextSymbolizer, LineSymbolizer, PolygonSymbolizer } from 'protomaps-leaflet';

export const OSM_ATTRIBUTION = 'Fond : © <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a> (ODbL), Protomaps';
export const TERRITORIES_ATTRIBUTION = 'Fond : IGN, INSEE (Licence Ouverte)';

const population = (f) => Number(f.props.population) || 0;

/** Our style for the territories' basemap: a pale region, three weights of border, names by size of town. */
export function territoriesStyle() {
  const border = (niveau) => (zoom, f) => f.props.niveau === niveau;
  const paintRules = [
    { dataLayer: 'region', symbolizer: new PolygonSymbolizer({ fill: '#f6f7f2' }) },
    { dataLayer: 'limites', filter: border('commune'), symbolizer: new LineSymbolizer({ color: '#c3c8be', width: (z) => (z >= 12 ? 1 : 0.6) }) },
    { dataLayer: 'limites', filter: border('epci'), symbolizer: new LineSymbolizer({ color: '#9aa196', width: 1 }) },
    { dataLayer: 'limites', filter: border('departement'), symbolizer: new LineSymbolizer({ color: '#5f6b5b', width: (z) => (z >= 9 ? 2.2 : 1.4) }) },
  ];
  const labelRules = [
    {
      dataLayer: 'departements',
      maxzoom: 8,
      symbolizer: new CenteredTextSymbolizer({
        labelProps: ['nom'], textTransform: 'uppercase', fill: '#5b5b5b', stroke: '#ffffff', width: 3,
        fontFamily: 'system-ui, sans-serif', fontSize: 12, fontWeight: 600, letterSpacing: 1,
      }),
    },
    {
      dataLayer: 'communes',
      // The larger towns first: they keep their place when names collide.
      sort: (a, b) => (Number(b.population) || 0) - (Number(a.population) || 0),
      symbolizer: new CenteredTextSymbolizer({
        labelProps: ['nom'], fill: '#1e1e1e', stroke: '#ffffff', width: 3,
        fontFamily: 'system-ui, sans-serif',
        fontSize: (z, f) => (f && population(f) >= 30000 ? 15 : f && population(f) >= 3000 ? 13 : 12),
        fontWeight: (z, f) => (f && population(f) >= 10000 ? 700 : 400),
      }),
    },
  ];
  return { paintRules, labelRules, backgroundColor: '#e4e8ea' };
}

/**
 * Adds the background to `map`. Resolves to what was added: 'tuiles' (the raster URL), 'osm' (an OpenStreetMap
 * extract), 'territoires' (the project's basemap), or null when the server has none (the caller then draws its
 * own outlines, as before).
 */
export async function addBasemap(map, { api = '', tuiles = '', tuilesAttribution = '', langue = 'fr', attributions = {} } = {}) {
  if (tuiles) {
    L.tileLayer(tuiles, { attribution: tuilesAttribution }).addTo(map);
    return 'tuiles';
  }
  const archive = new PMTiles(`${api}/fond-de-carte.pmtiles`);
  let header;
  let metadata;
  try {
    header = await archive.getHeader();
    metadata = await archive.getMetadata();
  } catch {
    return null;
  }
  const own = metadata && metadata['scoran:fond'] === 'territoires';
  const common = {
    url: archive,
    // Above the archive's last zoom, its tiles are enlarged. Outside the archive's area the directory (already
    // read) has no entry: no request, only the background colour, so the map has no hard edge.
    maxDataZoom: header.maxZoom,
    // `attributions` ({ osm, territoires }, HTML): the credit lines in the widget's language; French by default.
    attribution: own ? attributions.territoires || TERRITORIES_ATTRIBUTION : attributions.osm || OSM_ATTRIBUTION,
    className: 'sc-fond-de-carte',
  };
  const layer = own
    ? leafletLayer({ ...common, ...territoriesStyle() })
    : leafletLayer({ ...common, flavor: 'light', lang: langue });
  layer.addTo(map);
  map.setMaxZoom(own ? 16 : 18);
  return own ? 'territoires' : 'osm';
}
