#!/usr/bin/env node
/**
 * Renders the demo illustrations referenced by cms/src/seed/content.ts into cms/seed-images/.
 * Flat SVG drawings rasterised by sharp: 800x450 JPEG, no text, each file well under 40 KB.
 *
 *   node cms/scripts/make-seed-images.mjs
 */
import { createRequire } from 'node:module';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cmsDir = join(here, '..');
const require = createRequire(join(cmsDir, 'package.json'));
const sharp = require('sharp');

const OUT = join(cmsDir, 'seed-images');
const W = 800;
const H = 450;

const C = {
  sky: '#cfe8f3',
  sky2: '#eef7fb',
  grass: '#9fcf8c',
  grass2: '#86bd74',
  road: '#b9c0c6',
  ink: '#264653',
  teal: '#2a9d8f',
  yellow: '#e9c46a',
  orange: '#f4a261',
  coral: '#e76f51',
  cream: '#f6ead7',
  sand: '#efd9b8',
  brick: '#d9a27e',
  grey: '#c9d1d8',
  glass: '#7fa7c4',
  glassLit: '#fbe7a1',
  white: '#ffffff',
  wood: '#b9825a',
};

// ——— Primitives ———

const rect = (x, y, w, h, fill, extra = '') => `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}" ${extra}/>`;
const circle = (cx, cy, r, fill, extra = '') => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" ${extra}/>`;
const line = (x1, y1, x2, y2, stroke, sw = 4, extra = '') =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="${sw}" stroke-linecap="round" ${extra}/>`;

function svg(body, { bg = C.sky, bg2 = C.sky2 } = {}) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${bg2}"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>
${body}
</svg>`;
}

function cloud(x, y, s = 1) {
  return `<g transform="translate(${x} ${y}) scale(${s})" fill="#ffffff" opacity="0.9">
  <ellipse cx="0" cy="0" rx="46" ry="18"/><circle cx="-16" cy="-12" r="18"/><circle cx="14" cy="-16" r="22"/></g>`;
}

const sun = (x, y, r = 34) => circle(x, y, r, '#f9d56e') + circle(x, y, r + 14, '#f9d56e', 'opacity="0.25"');

function ground(y, color = C.grass) {
  return rect(0, y, W, H - y, color);
}

function tree(x, y, s = 1, leaf = C.teal) {
  return `<g transform="translate(${x} ${y}) scale(${s})">
  ${rect(-5, -10, 10, 40, C.wood, 'rx="3"')}
  <circle cx="0" cy="-32" r="28" fill="${leaf}"/><circle cx="-18" cy="-18" r="18" fill="${leaf}"/><circle cx="18" cy="-18" r="18" fill="${leaf}"/>
  <circle cx="-6" cy="-40" r="10" fill="#ffffff" opacity="0.15"/></g>`;
}

function bush(x, y, s = 1, color = C.grass2, flower = null) {
  let out = `<g transform="translate(${x} ${y}) scale(${s})"><ellipse cx="0" cy="0" rx="34" ry="18" fill="${color}"/>`;
  if (flower) for (const [fx, fy] of [[-18, -6], [-4, -12], [12, -4], [22, -10], [2, 2]]) out += circle(fx, fy, 4, flower);
  return out + '</g>';
}

/** A residential block: body, windows grid, optional door, roof band. */
function building(x, y, w, h, o = {}) {
  const { color = C.sand, roof = C.ink, cols = 5, rows = 4, win = C.glass, lit = [], door = true, balconies = false, shutters = null } = o;
  let out = rect(x, y, w, h, color) + rect(x - 4, y - 10, w + 8, 12, roof, 'rx="2"');
  const padX = 18;
  const padTop = 18;
  const padBottom = door ? 56 : 18;
  const cw = (w - padX * 2) / cols;
  const rh = (h - padTop - padBottom) / rows;
  const ww = Math.min(cw * 0.55, 34);
  const wh = Math.min(rh * 0.6, 40);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const wx = x + padX + c * cw + (cw - ww) / 2;
      const wy = y + padTop + r * rh + (rh - wh) / 2;
      const isLit = lit.some(([lr, lc]) => lr === r && lc === c);
      out += rect(wx, wy, ww, wh, isLit ? C.glassLit : win, 'rx="2"');
      out += line(wx + ww / 2, wy + 2, wx + ww / 2, wy + wh - 2, color, 2);
      if (shutters) out += rect(wx - 6, wy, 5, wh, shutters) + rect(wx + ww + 1, wy, 5, wh, shutters);
      if (balconies) out += rect(wx - 6, wy + wh - 4, ww + 12, 8, C.ink, 'opacity="0.75" rx="2"');
    }
  }
  if (door) {
    const dx = x + w / 2 - 22;
    out += rect(dx - 8, y + h - 52, 60, 6, C.ink, 'opacity="0.6"');
    out += rect(dx, y + h - 44, 44, 44, C.teal, 'rx="3"') + rect(dx + 6, y + h - 38, 32, 20, C.glass, 'rx="2"');
  }
  return out;
}

/** Scaffolding in front of (part of) a façade. */
function scaffold(x, y, w, h, levels = 5) {
  let out = '';
  const step = h / levels;
  for (let i = 0; i <= Math.round(w / 60); i++) out += line(x + i * 60, y, x + i * 60, y + h, '#8a96a3', 4);
  for (let l = 1; l <= levels; l++) {
    out += rect(x - 4, y + l * step - 6, w + 8, 6, C.orange);
    out += line(x, y + (l - 1) * step, x + w, y + l * step - 6, '#8a96a3', 2, 'opacity="0.7"');
  }
  out += rect(x - 4, y, w + 8, h, '#2a9d8f', 'opacity="0.12"');
  return out;
}

function crane(x, baseY, height, jibLeft = 120, jibRight = 300) {
  const topY = baseY - height;
  let mast = rect(x - 9, topY, 18, height, C.yellow);
  for (let yy = topY + 10; yy < baseY; yy += 24) {
    mast += line(x - 8, yy, x + 8, yy + 12, '#c9a13a', 2) + line(x + 8, yy + 12, x - 8, yy + 24, '#c9a13a', 2);
  }
  let jib = rect(x - jibLeft, topY - 12, jibLeft + jibRight, 12, C.yellow);
  for (let xx = x - jibLeft + 8; xx < x + jibRight; xx += 20) jib += line(xx, topY - 11, xx + 10, topY - 1, '#c9a13a', 2);
  const cab = rect(x - 12, topY, 26, 22, C.coral, 'rx="3"');
  const apex = `<polygon points="${x - 8},${topY - 12} ${x + 8},${topY - 12} ${x},${topY - 44}" fill="${C.yellow}"/>`;
  const ties = line(x, topY - 44, x + jibRight - 10, topY - 12, '#8a96a3', 2) + line(x, topY - 44, x - jibLeft + 10, topY - 12, '#8a96a3', 2);
  const counter = rect(x - jibLeft, topY, 40, 26, '#8a96a3');
  const hx = x + jibRight * 0.6;
  const hook = line(hx, topY, hx, topY + 120, C.ink, 2) + rect(hx - 26, topY + 120, 52, 12, C.coral) + rect(hx - 4, topY + 112, 8, 8, C.ink);
  return mast + jib + apex + ties + counter + cab + hook;
}

function fence(y, x0 = 0, x1 = W, color = '#dfe6ea') {
  let out = rect(x0, y, x1 - x0, 46, color);
  for (let x = x0; x < x1; x += 80) out += rect(x, y, 3, 46, '#aab5bd');
  out += rect(x0, y + 38, x1 - x0, 8, C.teal);
  return out;
}

/** A simple person: head, body, optional sitting pose. */
function person(x, y, s = 1, shirt = C.coral, skin = '#e3b48f', hair = C.ink, sitting = false) {
  const legs = sitting ? '' : rect(-12, 40, 10, 44, '#3d5a6c', 'rx="4"') + rect(2, 40, 10, 44, '#3d5a6c', 'rx="4"');
  return `<g transform="translate(${x} ${y}) scale(${s})">
  ${legs}
  <rect x="-20" y="-8" width="40" height="56" rx="16" fill="${shirt}"/>
  <circle cx="0" cy="-28" r="17" fill="${skin}"/>
  <path d="M-17,-30 a17,17 0 0 1 34,0 q-8,-8 -17,-6 q-9,-2 -17,6z" fill="${hair}"/></g>`;
}

function plant(x, y, s = 1) {
  return `<g transform="translate(${x} ${y}) scale(${s})">
  <path d="M-22,0 h44 l-6,40 h-32z" fill="${C.coral}"/>
  <ellipse cx="-14" cy="-22" rx="10" ry="24" fill="${C.teal}" transform="rotate(-25 -14 -22)"/>
  <ellipse cx="14" cy="-22" rx="10" ry="24" fill="${C.teal}" transform="rotate(25 14 -22)"/>
  <ellipse cx="0" cy="-30" rx="10" ry="30" fill="#3fb39f"/></g>`;
}

// ——— Scenes ———

const scenes = {
  // Les Tilleuls: 1970s block with scaffolding on half the façade.
  'residence-echafaudage.jpg': () =>
    svg(
      sun(690, 80) +
        cloud(150, 70, 1.1) +
        cloud(470, 50, 0.8) +
        ground(380) +
        rect(0, 372, W, 12, C.road) +
        // left half already renovated (new warm render), right half still in its 1970s grey
        building(150, 110, 250, 270, { color: C.cream, cols: 4, rows: 5, shutters: C.orange, lit: [[1, 2]] }) +
        building(400, 110, 250, 270, { color: C.grey, cols: 4, rows: 5, door: false, lit: [[3, 2]] }) +
        scaffold(400, 100, 250, 280, 5) +
        tree(90, 360, 1.2) +
        tree(720, 362, 1.1, '#3fb39f') +
        bush(300, 392, 1, C.grass2) +
        rect(430, 394, 80, 26, C.coral, 'rx="4"') +
        rect(520, 400, 18, 20, C.orange, 'rx="2"'),
    ),

  // Window close-up: façade layers (wall, insulation, render) and a new window with roller shutter.
  'fenetres-isolation.jpg': () =>
    svg(
      rect(0, 0, 300, H, '#c49a7c') +
        Array.from({ length: 15 }, (_, r) =>
          line(0, r * 30 + 30, 300, r * 30 + 30, '#e4d3c3', 3) +
          Array.from({ length: 5 }, (_, k) => line(k * 70 + (r % 2) * 35 + 20, r * 30, k * 70 + (r % 2) * 35 + 20, r * 30 + 30, '#e4d3c3', 3)).join(''),
        ).join('') +
        rect(300, 0, 60, H, C.yellow) +
        `<g opacity="0.35">${Array.from({ length: 12 }, (_, i) => line(304, i * 40 + 10, 356, i * 40 + 30, '#c9a13a', 3)).join('')}</g>` +
        rect(360, 0, W - 360, H, C.cream) +
        // window
        rect(450, 70, 260, 300, C.white, 'rx="6"') +
        rect(450, 70, 260, 60, '#dfe6ea', 'rx="6"') +
        Array.from({ length: 5 }, (_, i) => line(460, 82 + i * 10, 700, 82 + i * 10, '#b9c3cb', 2)).join('') +
        rect(468, 140, 104, 212, C.glass) +
        rect(588, 140, 104, 212, C.glass) +
        `<path d="M480,150 l40,0 l-30,60z" fill="#ffffff" opacity="0.35"/><path d="M600,150 l40,0 l-30,60z" fill="#ffffff" opacity="0.35"/>` +
        rect(574, 230, 10, 30, '#8a96a3', 'rx="3"') +
        rect(440, 370, 280, 14, '#dfe6ea', 'rx="3"') +
        plant(520, 336, 0.6) +
        // trowel
        `<g transform="translate(120 300) rotate(-20)">${rect(0, 0, 110, 14, '#8a96a3', 'rx="3"')}${rect(-40, -4, 44, 22, C.wood, 'rx="8"')}</g>`,
      { bg: '#cfe8f3', bg2: '#eef7fb' },
    ),

  // Lift doors in a hall, with a traffic cone (lift out of service).
  'ascenseur-hall.jpg': () =>
    svg(
      rect(0, 360, W, 90, '#d7c4a8') +
        Array.from({ length: 10 }, (_, i) => line(i * 90, 360, i * 90 - 40, 450, '#c6b193', 3)).join('') +
        rect(0, 0, W, 360, '#f1ece4') +
        rect(250, 60, 300, 300, '#b9c3cb', 'rx="6"') +
        rect(270, 80, 126, 280, '#d9e1e7') +
        rect(404, 80, 126, 280, '#d9e1e7') +
        line(400, 80, 400, 360, '#8a96a3', 6) +
        rect(575, 170, 36, 70, '#8a96a3', 'rx="6"') +
        circle(593, 190, 8, '#f1ece4') +
        circle(593, 218, 8, '#f1ece4') +
        rect(330, 30, 140, 22, C.ink, 'rx="6"') +
        circle(400, 41, 6, C.coral) +
        // cone
        `<polygon points="650,420 700,420 680,300 670,300" fill="${C.orange}"/>` +
        rect(662, 335, 26, 14, C.white) +
        rect(656, 370, 38, 14, C.white) +
        rect(636, 416, 78, 12, C.coral, 'rx="3"') +
        // letterboxes and plant
        rect(60, 140, 130, 110, '#c9d1d8', 'rx="4"') +
        Array.from({ length: 6 }, (_, i) => rect(70 + (i % 3) * 40, 152 + Math.floor(i / 3) * 50, 32, 40, '#aab5bd', 'rx="2"')).join('') +
        plant(130, 360, 1.1),
      { bg: '#f1ece4', bg2: '#f1ece4' },
    ),

  // New build under construction, crane and hoarding.
  'grue-chantier.jpg': () =>
    svg(
      sun(110, 80, 30) +
        cloud(300, 60, 0.9) +
        cloud(640, 110, 0.7) +
        ground(380, '#c8b08d') +
        // concrete structure, 3 floors, open
        rect(330, 190, 330, 190, '#c9cdd0') +
        Array.from({ length: 4 }, (_, i) => rect(320, 180 + i * 62, 350, 10, '#9aa3aa')).join('') +
        Array.from({ length: 5 }, (_, i) => rect(340 + i * 78, 190, 14, 190, '#9aa3aa')).join('') +
        rect(360, 150, 140, 30, '#c9cdd0') +
        crane(250, 380, 300, 120, 380) +
        fence(380) +
        rect(0, 426, W, 24, C.road) +
        tree(740, 370, 1),
    ),

  // Finished new build: two small buildings with balconies and young trees.
  'immeuble-neuf.jpg': () =>
    svg(
      sun(700, 70, 30) +
        cloud(200, 60, 1) +
        ground(380) +
        building(90, 170, 280, 210, { color: C.white, roof: C.wood, cols: 4, rows: 3, balconies: true, lit: [[0, 1]] }) +
        rect(90, 170, 40, 210, C.wood, 'opacity="0.9"') +
        building(430, 150, 300, 230, { color: C.cream, roof: C.teal, cols: 4, rows: 3, balconies: true, lit: [[2, 3]] }) +
        rect(690, 150, 40, 230, C.wood, 'opacity="0.9"') +
        // solar panels
        `<polygon points="460,140 560,140 550,124 470,124" fill="${C.ink}"/><polygon points="580,140 680,140 670,124 590,124" fill="${C.ink}"/>` +
        tree(50, 370, 0.9, '#3fb39f') +
        tree(400, 372, 0.8) +
        tree(760, 372, 0.85, '#3fb39f') +
        rect(0, 410, W, 40, C.road) +
        Array.from({ length: 8 }, (_, i) => rect(20 + i * 100, 428, 50, 5, C.white)).join(''),
    ),

  // Les Coteaux after renovation: colourful façades, trees, flowers.
  'residence-renovee.jpg': () =>
    svg(
      sun(110, 80) +
        cloud(560, 70, 1) +
        ground(380) +
        building(180, 120, 440, 260, { color: C.cream, roof: C.teal, cols: 7, rows: 4, shutters: C.orange, lit: [[1, 3]] }) +
        rect(180, 120, 70, 210, C.orange, 'opacity="0.85"') +
        rect(550, 120, 70, 210, C.teal, 'opacity="0.7"') +
        // access ramp
        `<polygon points="300,380 372,360 372,380" fill="#b9c3cb"/>` +
        tree(110, 370, 1.2) +
        tree(700, 372, 1.25, '#3fb39f') +
        bush(250, 400, 1, C.grass2, C.coral) +
        bush(560, 404, 1.1, C.grass2, C.yellow) +
        rect(0, 420, W, 30, '#c9cdd0'),
    ),

  // Shared garden: raised beds, plants, watering can, bench.
  'jardin-partage.jpg': () =>
    svg(
      sun(680, 80) +
        cloud(240, 70, 1) +
        building(0, 90, 230, 230, { color: C.cream, roof: C.teal, cols: 3, rows: 4, door: false, shutters: C.orange }) +
        ground(300) +
        Array.from({ length: 3 }, (_, i) => {
          const x = 90 + i * 220;
          let bed = rect(x, 330, 170, 50, C.wood, 'rx="4"') + rect(x + 6, 322, 158, 14, '#7a5a3f', 'rx="4"');
          for (let k = 0; k < 5; k++) {
            const px = x + 20 + k * 32;
            bed += `<ellipse cx="${px}" cy="312" rx="10" ry="18" fill="${k % 2 ? C.teal : '#3fb39f'}"/>`;
            if (i === 1) bed += circle(px, 300, 6, C.coral);
            if (i === 2 && k % 2 === 0) bed += circle(px, 298, 6, C.yellow);
          }
          return bed;
        }).join('') +
        // watering can
        `<g transform="translate(560 410)">${rect(0, -30, 50, 34, C.teal, 'rx="6"')}<path d="M50,-22 l34,-20 l4,6 l-34,22z" fill="${C.teal}"/><path d="M6,-30 q20,-26 40,0" fill="none" stroke="${C.teal}" stroke-width="6"/></g>` +
        // bench
        rect(300, 410, 140, 12, C.wood, 'rx="3"') +
        rect(310, 422, 8, 22, C.ink) +
        rect(422, 422, 8, 22, C.ink) +
        tree(760, 290, 1.1),
    ),

  // People around a table in a meeting (concertation).
  'reunion-locataires.jpg': () =>
    svg(
      rect(0, 0, W, H, '#f3eee6') +
        // wall board with shapes (plans, no text)
        rect(230, 40, 340, 150, C.white, 'rx="8"') +
        rect(250, 60, 140, 110, '#dfe6ea', 'rx="4"') +
        rect(262, 110, 40, 48, C.teal) +
        rect(310, 90, 60, 68, C.orange) +
        rect(410, 64, 140, 10, C.grey, 'rx="4"') +
        rect(410, 88, 110, 10, C.grey, 'rx="4"') +
        rect(410, 112, 130, 10, C.grey, 'rx="4"') +
        rect(410, 136, 90, 10, C.grey, 'rx="4"') +
        // people behind table
        person(170, 270, 1.2, C.coral, '#e3b48f', C.ink, true) +
        person(300, 262, 1.2, C.teal, '#8d5a3b', '#1d1d1d', true) +
        person(500, 262, 1.2, C.yellow, '#f0c8a8', '#b0b0b0', true) +
        person(630, 270, 1.2, '#6c8ebf', '#c68a63', '#5a3b2a', true) +
        // table
        rect(80, 320, 640, 24, C.wood, 'rx="6"') +
        rect(110, 344, 14, 106, '#8e6244') +
        rect(676, 344, 14, 106, '#8e6244') +
        rect(200, 300, 70, 20, C.white, 'rx="2"') +
        rect(380, 296, 40, 24, C.teal, 'rx="4"') +
        rect(520, 300, 70, 20, C.white, 'rx="2"') +
        circle(410, 292, 6, C.cream),
      { bg: '#f3eee6', bg2: '#f3eee6' },
    ),

  // Neighbours' party: garland, table with cakes and people in a courtyard.
  'fete-voisins.jpg': () => {
    const colors = [C.coral, C.yellow, C.teal, C.orange, '#6c8ebf'];
    let flags = `<path d="M0,60 Q400,150 800,60" fill="none" stroke="${C.ink}" stroke-width="2"/>`;
    for (let i = 0; i < 16; i++) {
      const x = 25 + i * 50;
      const t = x / 800;
      const y = (1 - t) * (1 - t) * 60 + 2 * (1 - t) * t * 150 + t * t * 60;
      flags += `<polygon points="${x - 12},${y} ${x + 12},${y} ${x},${y + 26}" fill="${colors[i % 5]}"/>`;
    }
    return svg(
      building(0, 60, 180, 320, { color: C.cream, roof: C.teal, cols: 2, rows: 5, door: false, lit: [[1, 0], [3, 1]] }) +
        building(620, 80, 180, 300, { color: C.sand, roof: C.coral, cols: 2, rows: 5, door: false, lit: [[2, 1]] }) +
        ground(360) +
        flags +
        person(250, 280, 1.1, C.teal) +
        person(560, 280, 1.1, '#6c8ebf', '#8d5a3b', '#1d1d1d') +
        person(330, 296, 0.8, C.yellow, '#f0c8a8', '#b0b0b0') +
        rect(280, 320, 240, 18, C.white, 'rx="4"') +
        rect(300, 338, 10, 60, C.ink) +
        rect(490, 338, 10, 60, C.ink) +
        // cakes, drinks
        `<ellipse cx="360" cy="312" rx="30" ry="10" fill="${C.orange}"/>` +
        rect(332, 300, 56, 12, '#f9d9a8', 'rx="4"') +
        rect(420, 290, 14, 30, C.coral, 'rx="3"') +
        rect(444, 296, 12, 24, C.teal, 'rx="3"') +
        circle(480, 312, 10, C.yellow) +
        tree(200, 380, 0.9, '#3fb39f') +
        tree(610, 384, 0.85),
      { bg: '#bfe0ef', bg2: '#f2f8fb' },
    );
  },

  // Mail: opened envelope with a document, next to a calculator.
  'courrier-avis.jpg': () =>
    svg(
      rect(0, 320, W, 130, '#d7c4a8') +
        // envelope
        rect(160, 170, 320, 200, C.white, 'rx="6"') +
        rect(190, 100, 260, 200, '#fdfbf6', 'rx="4"') +
        rect(220, 130, 150, 12, C.grey, 'rx="4"') +
        rect(220, 160, 200, 10, '#dfe6ea', 'rx="4"') +
        rect(220, 182, 180, 10, '#dfe6ea', 'rx="4"') +
        rect(220, 204, 200, 10, '#dfe6ea', 'rx="4"') +
        rect(340, 236, 80, 26, C.teal, 'opacity="0.5" rx="4"') +
        `<polygon points="160,250 320,330 480,250 480,370 160,370" fill="#f0e6d6"/>` +
        `<polyline points="160,370 320,290 480,370" fill="none" stroke="#e0d2bc" stroke-width="4"/>` +
        // calculator
        `<g transform="translate(540 190) rotate(8)">` +
        rect(0, 0, 150, 210, C.ink, 'rx="14"') +
        rect(16, 16, 118, 40, '#bcd8c2', 'rx="4"') +
        Array.from({ length: 12 }, (_, i) => rect(16 + (i % 3) * 42, 70 + Math.floor(i / 3) * 34, 32, 24, i === 11 ? C.coral : '#5d7b8a', 'rx="5"')).join('') +
        `</g>` +
        // pen
        `<g transform="translate(90 380) rotate(-15)">${rect(0, 0, 140, 12, C.coral, 'rx="6"')}<polygon points="140,0 160,6 140,12" fill="${C.sand}"/></g>`,
      { bg: '#eef3f6', bg2: '#f7f9fb' },
    ),

  // A made bed in a bright bedroom, with a magnifying glass on the mattress.
  'chambre-literie.jpg': () =>
    svg(
      rect(0, 0, W, 330, '#eaf1f4') +
        rect(0, 330, W, 120, '#d7c4a8') +
        // window
        rect(560, 50, 170, 150, C.white, 'rx="4"') +
        rect(572, 62, 68, 126, '#bfe0ef') +
        rect(650, 62, 68, 126, '#bfe0ef') +
        // bed
        rect(110, 150, 40, 230, C.wood, 'rx="8"') +
        rect(130, 260, 420, 80, C.white, 'rx="10"') +
        rect(250, 240, 300, 100, '#9cc6d8', 'rx="12"') +
        rect(150, 230, 100, 40, C.white, 'rx="14"') +
        rect(150, 340, 400, 16, C.wood) +
        rect(160, 356, 14, 30, '#8e6244') +
        rect(526, 356, 14, 30, '#8e6244') +
        // magnifier
        `<g transform="translate(400 210) rotate(35)">${circle(0, 0, 44, '#ffffff', `opacity="0.45" stroke="${C.ink}" stroke-width="10"`)}${rect(-8, 46, 16, 80, C.ink, 'rx="6"')}</g>` +
        // bedside table and lamp
        rect(600, 300, 90, 80, C.wood, 'rx="4"') +
        `<polygon points="615,240 675,240 660,200 630,200" fill="${C.yellow}"/>` +
        rect(641, 240, 8, 60, C.ink),
      { bg: '#eaf1f4', bg2: '#eaf1f4' },
    ),

  // Radiator under a window, with a plant.
  'radiateur.jpg': () =>
    svg(
      rect(0, 0, W, 360, '#f6efe4') +
        rect(0, 360, W, 90, '#c9a27e') +
        // window
        rect(250, 40, 300, 170, C.white, 'rx="4"') +
        rect(264, 54, 130, 142, '#bcdcec') +
        rect(406, 54, 130, 142, '#bcdcec') +
        circle(330, 110, 24, '#ffffff', 'opacity="0.6"') +
        rect(240, 208, 320, 14, '#e3dccf', 'rx="3"') +
        // radiator
        rect(230, 250, 340, 120, C.white, 'rx="10" stroke="#d5d9dc" stroke-width="3"') +
        Array.from({ length: 10 }, (_, i) => rect(248 + i * 32, 262, 20, 96, '#eef1f3', 'rx="8"')).join('') +
        rect(580, 300, 16, 36, '#aab5bd', 'rx="4"') +
        circle(588, 292, 12, C.coral) +
        // warm air
        [300, 400, 500].map((x) => `<path d="M${x},236 q-10,-14 0,-28 q10,-14 0,-28" fill="none" stroke="${C.orange}" stroke-width="4" stroke-linecap="round" opacity="0.6"/>`).join('') +
        plant(680, 330, 1.3) +
        // framed picture on the wall
        rect(60, 90, 130, 100, C.wood, 'rx="4"') +
        rect(70, 100, 110, 80, '#bfe0ef') +
        `<polygon points="70,180 110,130 140,160 155,145 180,180" fill="${C.teal}"/>` +
        circle(155, 120, 9, C.yellow),
      { bg: '#f6efe4', bg2: '#f6efe4' },
    ),

  // A bunch of keys in front of an apartment door.
  'cles-logement.jpg': () =>
    svg(
      rect(0, 0, W, 380, '#e7eef2') +
        rect(0, 380, W, 70, '#c9a27e') +
        // door
        rect(260, 40, 280, 340, C.teal, 'rx="6"') +
        rect(290, 70, 220, 130, '#33b0a1', 'rx="6"') +
        rect(290, 220, 220, 130, '#33b0a1', 'rx="6"') +
        rect(480, 200, 30, 12, C.yellow, 'rx="6"') +
        circle(400, 130, 8, C.ink) +
        rect(240, 30, 320, 12, '#c9d1d8') +
        // doormat
        rect(300, 386, 200, 24, C.coral, 'rx="6"') +
        // keys (foreground)
        `<g transform="translate(610 250)">` +
        circle(0, 0, 26, 'none', `stroke="${C.ink}" stroke-width="8"`) +
        `<g transform="rotate(40)">${circle(0, 60, 22, C.yellow)}${circle(0, 60, 8, '#e7eef2')}${rect(-6, 80, 12, 90, C.yellow)}${rect(6, 140, 14, 8, C.yellow)}${rect(6, 156, 10, 8, C.yellow)}</g>` +
        `<g transform="rotate(-20)">${circle(0, 60, 20, '#b9c3cb')}${circle(0, 60, 7, '#e7eef2')}${rect(-5, 78, 10, 74, '#b9c3cb')}${rect(5, 130, 12, 7, '#b9c3cb')}</g>` +
        `</g>` +
        plant(140, 350, 1.2),
      { bg: '#e7eef2', bg2: '#e7eef2' },
    ),
};

mkdirSync(OUT, { recursive: true });
let total = 0;
for (const [name, draw] of Object.entries(scenes)) {
  const file = join(OUT, name);
  await sharp(Buffer.from(draw())).flatten({ background: '#ffffff' }).jpeg({ quality: 70, mozjpeg: true }).toFile(file);
  const size = statSync(file).size;
  total += size;
  const flag = size > 40 * 1024 ? '  <-- over 40 KB' : '';
  console.log(`${name.padEnd(28)} ${(size / 1024).toFixed(1)} KB${flag}`);
}
console.log(`${Object.keys(scenes).length} images, ${(total / 1024).toFixed(1)} KB in total -> ${OUT}`);
