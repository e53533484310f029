import type { SeedBlock } from './types';

type Text = { type: 'text'; text: string };
const text = (value: string): Text => ({ type: 'text', text: value });

/** Maps the seed's simple blocks to Strapi's rich-text "blocks" format. */
export function toStrapiBlocks(blocks: SeedBlock[]): unknown[] {
  return blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return { type: 'paragraph', children: [text(block.text)] };
      case 'heading':
        return { type: 'heading', level: block.level, children: [text(block.text)] };
      case 'list':
        return {
          type: 'list',
          format: 'unordered',
          children: block.items.map((item) => ({ type: 'list-item', children: [text(item)] })),
        };
    }
  });
}
