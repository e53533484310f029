import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email-address';

describe('normalizeEmail', () => {
  it.each([
    ['  Marie.Dupont@Exemple.FR ', 'marie.dupont@exemple.fr'],
    ['jean+chantier@mail.bailleur-example.com', 'jean+chantier@mail.bailleur-example.com'],
    ["o'neil@ex.fr", "o'neil@ex.fr"],
  ])('accepts %s', (input, email) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, email });
  });

  it.each([
    ['', 'missing'],
    [undefined, 'missing'],
    ['marie', 'invalid'],
    ['@ex.fr', 'invalid'],
    ['marie@localhost', 'invalid'],
    ['marie@ex.f', 'invalid'],
    ['ma..rie@ex.fr', 'invalid'],
    ['marie@ex..fr', 'invalid'],
    ['marie@-ex.fr', 'invalid'],
    ['ma rie@ex.fr', 'invalid'],
    ['marie@ex.fr\r\nBcc: x@y.fr', 'invalid'],
    ['<script>@ex.fr', 'invalid'],
    ['é@ex.fr', 'invalid'],
    [`${'a'.repeat(65)}@ex.fr`, 'invalid'],
    [`a@${'b'.repeat(250)}.fr`, 'too_long'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason });
  });
});
