import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/** Uploads the demo images that ship with the repo, each once, and returns their ids by name. */
export async function uploadSeedImages(strapi: Core.Strapi, names: Iterable<string>, alts: Map<string, string>) {
  const sourceDir = path.join(strapi.dirs.app.root, 'seed-images');
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-seed-'));
  const ids = new Map<string, number>();
  try {
    for (const name of new Set(names)) {
      // The upload service works on a copy: it may move or delete what it is given.
      const filepath = path.join(workDir, name);
      await fs.copyFile(path.join(sourceDir, name), filepath);
      const { size } = await fs.stat(filepath);
      const [file] = await strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: { fileInfo: { name, alternativeText: alts.get(name) ?? '', caption: '' } },
          files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size },
        });
      ids.set(name, file.id);
    }
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
  return ids;
}
