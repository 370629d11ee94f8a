// protomaps-leaflet builds its layer on the global `L` (window.L) at call time. esbuild's `inject` (build.mjs)
// replaces that free `L` with this bundle's own Leaflet: nothing is put on the host page's window, whose own
// Leaflet (if any) stays untouched.
import Leaflet from 'leaflet';

export { Leaflet as L };
