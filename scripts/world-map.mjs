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

// A ring as SVG path data. The data is spherical: a ring may cross the antimeridian
// (Chukotka, Fiji) or circle a pole (Antarctica). Longitudes are unwrapped so that the
// ring stays continuous; a ring that then leaves the frame is drawn again shifted by one
// world width (the SVG's viewBox clips both), and a ring around a pole is closed along
// the frame's edge at that pole.
function ringPath(ring) {
  const pts = [];
  ring.forEach((arc, k) => {
    const a = arcPoints(arc);
    pts.push(...(k > 0 ? a.slice(1) : a));
  });
  const unwrapped = [];
  let shift = 0;
  pts.forEach(([lon, lat], i) => {
    if (i > 0) {
      const prev = pts[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      if (prev - lon > 180) shift += 360;
    }
    unwrapped.push([lon + shift, lat]);
  });
  const winding = unwrapped[unwrapped.length - 1][0] - unwrapped[0][0];
  if (Math.abs(winding) > 180) {
    const pole = unwrapped[0][1] < 0 ? -90 : 90;
    const [endLon] = unwrapped[unwrapped.length - 1];
    unwrapped.push([endLon, pole], [unwrapped[0][0], pole]);
  }
  const draw = (dx) => {
    let d = "";
    let last = "";
    for (const [lon, lat] of unwrapped) {
      const [x, y] = project([lon + dx, lat]);
      const s = `${x} ${y}`;
      if (s === last) continue;
      d += (d === "" ? "M" : "L") + s;
      last = s;
    }
    return d + "Z";
  };
  const lons = unwrapped.map((p) => p[0]);
  let d = draw(0);
  if (Math.max(...lons) > 180) d += draw(-360);
  if (Math.min(...lons) < -180) d += draw(360);
  return d;
}

const polygons = [];
for (const g of topo.objects.land.geometries) {
  if (g.type === "Polygon") polygons.push(g.arcs);
  if (g.type === "MultiPolygon") polygons.push(...g.arcs);
}
process.stdout.write(polygons.map((poly) => poly.map(ringPath).join("")).join("") + "\n");
