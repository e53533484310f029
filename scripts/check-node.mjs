// Plain JavaScript on purpose: it must run, and speak French, on the old Node it refuses
// (Node 18 and 20 cannot even load the .ts files of `npm start`).
import { readFileSync } from 'node:fs';

const REQUIRED = { major: 22, minor: 18 };
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < REQUIRED.major || (major === REQUIRED.major && minor < REQUIRED.minor)) {
  const recommended = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();
  console.error(
    [
      `Le hub demande Node ${REQUIRED.major}.${REQUIRED.minor} ou plus récent (Node ${recommended} LTS recommandé) ; cette machine a Node ${process.versions.node}.`,
      'Pour l’obtenir :',
      `  - avec nvm : nvm install && nvm use   (le fichier .nvmrc demande Node ${recommended}) ;`,
      '  - ou depuis https://nodejs.org/ (paquets officiels pour Debian et Ubuntu : https://github.com/nodesource/distributions).',
      'Puis relancez : npm install && npm start',
    ].join('\n'),
  );
  process.exit(1);
}
