// Converts world-atlas's land-110m.json (TopoJSON, ISC, from Natural Earth, public domain)
// into one SVG path in an equirectangular 1000×500 frame: x = (lon + 180) / 360 × 1000,
// y = (90 − lat) / 180 × 500, the projection of domain::cities::project. Run once when
// vendoring; the output is committed as crates/web/assets/world-land-110m.path.
//
//   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//   node scripts/world-map.mjs package/land-110m.json > crates/web/assets/world-land-110m.path
//   cp package/LICENSE crates/web/assets/world-atlas-LICENSE.txt
import fs from "node:fs";

const topo = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
// Arcs are quantised and delta-encoded.
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});
const arcPoints = (i) => (i < 0 ? arcs[~i].slice().reverse() : arcs[i]);
const W = 1000;
const H = 500;
const project = ([lon, lat]) => [
  Math.round(((lon + 180) / 360) * W * 10) / 10,
  Math.round(((90 - lat) / 180) * H * 10) / 10,
];

function ringPath(ring) {
  const pts = [];
  ring.forEach((arc, k) => {
    const a = arcPoints(arc);
    pts.push(...(k > 0 ? a.slice(1) : a));
  });
  let d = "";
  let last = "";
  for (const p of pts.map(project)) {
    const s = `${p[0]} ${p[1]}`;
    if (s === last) continue;
    d += (d === "" ? "M" : "L") + s;
    last = s;
  }
  return d + "Z";
}

const polygons = [];
for (const g of topo.objects.land.geometries) {
  if (g.type === "Polygon") polygons.push(g.arcs);
  if (g.type === "MultiPolygon") polygons.push(...g.arcs);
}
process.stdout.write(polygons.map((poly) => poly.map(ringPath).join("")).join("") + "\n");
