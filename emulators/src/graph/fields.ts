/**
 * Graph's `fields` syntax, as far as the emulator needs it:
 * `id,message,from{id,name},comments.limit(5).summary(true){message}`.
 */
export interface FieldSpec {
  name: string;
  modifiers: Record<string, string>;
  children?: FieldSpec[];
}

export class FieldSyntaxError extends Error {}

export function parseFields(input: string): FieldSpec[] {
  let i = 0;
  const text = input.replace(/\s+/g, '');

  function name(): string {
    const match = /^[A-Za-z0-9_]+/.exec(text.slice(i));
    if (!match) throw new FieldSyntaxError(`Syntax error "Expected name." at character ${i}: ${input}`);
    i += match[0].length;
    return match[0];
  }

  function list(closing: string | undefined): FieldSpec[] {
    const specs: FieldSpec[] = [];
    while (i < text.length) {
      if (closing && text[i] === closing) break;
      const spec: FieldSpec = { name: name(), modifiers: {} };
      while (text[i] === '.') {
        i++;
        const modifier = name();
        if (text[i] !== '(') throw new FieldSyntaxError(`Syntax error "Expected "("." at character ${i}: ${input}`);
        const end = text.indexOf(')', i);
        if (end < 0) throw new FieldSyntaxError(`Syntax error "Expected ")"." at character ${i}: ${input}`);
        spec.modifiers[modifier] = text.slice(i + 1, end);
        i = end + 1;
      }
      if (text[i] === '{') {
        i++;
        spec.children = list('}');
        if (text[i] !== '}') throw new FieldSyntaxError(`Syntax error "Expected "}"." at character ${i}: ${input}`);
        i++;
      }
      specs.push(spec);
      if (text[i] === ',') i++;
      else if (i < text.length && text[i] !== closing) throw new FieldSyntaxError(`Syntax error "Expected end of string instead of "${text[i]}"." at character ${i}: ${input}`);
    }
    return specs;
  }

  const specs = list(undefined);
  if (i !== text.length) throw new FieldSyntaxError(`Syntax error "Expected end of string instead of "${text[i]}"." at character ${i}: ${input}`);
  return specs;
}

export function stringifyFields(specs: readonly FieldSpec[]): string {
  return specs
    .map((spec) => {
      const modifiers = Object.entries(spec.modifiers)
        .map(([key, value]) => `.${key}(${value})`)
        .join('');
      const children = spec.children ? `{${stringifyFields(spec.children)}}` : '';
      return `${spec.name}${modifiers}${children}`;
    })
    .join(',');
}

export const fieldsOf = (names: readonly string[]): FieldSpec[] => names.map((name) => ({ name, modifiers: {} }));
