import { z } from 'zod';
import { canonicalWords } from './normalise.ts';
import { phases } from './phases/index.ts';
import { DEFAULT_TENANT_NUMBER_PATTERNS } from './phases/personal-data.ts';
import type { CompileOptions, PhaseRun } from './phases/types.ts';
import { defaultWordlists } from './wordlists/index.ts';
import { isBuiltInPattern } from './phases/patterns.ts';
import { regexProblem } from './regex.ts';
import type { Charter, CharterRule, RuleKind } from './types.ts';

/** A charter ready to judge: validated, with its matchers and regexes built once. */
export interface CompiledCharter {
  readonly version: number;
  /** The charter as given (disabled rules included). */
  readonly charter: Charter;
  /** The phases, in order, each compiled against the enabled rules of its kinds. */
  readonly pipeline: readonly { readonly name: string; readonly run: PhaseRun }[];
}

const KINDS = ['words', 'allow', 'pattern', 'personal_data', 'links', 'shouting', 'flood', 'duplicate', 'length', 'classifier'] as const satisfies readonly RuleKind[];
const positiveInt = z.number().int().min(1);
const minutes = z.number().positive();

const paramsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('words'),
    terms: z.array(z.string()).min(1).optional(),
    lexicon: z.enum(['insultes', 'grossieretes', 'sexuel', 'menaces', 'discriminations']).optional(),
  }),
  z.strictObject({ kind: z.literal('allow'), terms: z.array(z.string()).min(1) }),
  z.strictObject({ kind: z.literal('pattern'), patterns: z.array(z.string().min(1)).min(1) }),
  z.strictObject({
    kind: z.literal('personal_data'),
    detect: z.array(z.enum(['phone', 'email', 'iban', 'tenant_number', 'street_address'])).min(1),
    tenantNumberPatterns: z.array(z.string().min(1)).optional(),
  }),
  z.strictObject({
    kind: z.literal('links'),
    maxLinks: z.number().int().min(0).optional(),
    allowedDomains: z.array(z.string()).optional(),
    blockedDomains: z.array(z.string()).optional(),
  }),
  z.strictObject({ kind: z.literal('shouting'), minLetters: positiveInt, maxUppercaseRatio: z.number().min(0).max(1) }),
  z.strictObject({ kind: z.literal('flood'), maxItems: positiveInt, windowMinutes: minutes }),
  z.strictObject({ kind: z.literal('duplicate'), windowMinutes: minutes }),
  z.strictObject({ kind: z.literal('length'), minChars: z.number().int().min(0).optional(), maxChars: positiveInt.optional() }),
  z.strictObject({ kind: z.literal('classifier'), signal: z.enum(['request', 'negative']), minScore: z.number().min(0).max(1).optional() }),
]);

const ruleSchema = z.object({
  id: z.string().trim().min(1),
  label: z.string().trim().min(1),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  action: z.enum(['approve', 'hold', 'hide', 'reject', 'mark_request', 'mark_negative', 'flag']),
  enabled: z.boolean(),
  params: paramsSchema,
});

const charterSchema = z.object({ version: z.number().int().min(0), rules: z.array(ruleSchema) });

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/** « la règle « insultes » » or, without a usable id, « la règle n° 3 ». */
function ruleName(input: unknown, index: number): string {
  const id = (input as { rules?: { id?: unknown }[] } | null)?.rules?.[index]?.id;
  return typeof id === 'string' && id.trim() ? `Règle « ${id} »` : `Règle n° ${index + 1}`;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const [first, index, ...rest] = issue.path;
  if (first !== 'rules' || typeof index !== 'number') return `Charte invalide : ${issue.path.join('.') || 'charte'} : ${issue.message}`;
  const field = rest.join('.');
  const kind = (input as { rules: { params?: { kind?: unknown } }[] }).rules[index]?.params?.kind;
  let detail = `${field ? `${field} : ` : ''}${issue.message}`;
  if (field === 'id' && issue.code === 'too_small') detail = 'identifiant vide';
  else if (field === 'params.kind' || (field === 'params' && issue.code === 'invalid_union')) {
    detail = kind === undefined ? 'type de règle absent (params.kind)' : `type de règle inconnu « ${String(kind)} » (types connus : ${KINDS.join(', ')})`;
  }
  return `${ruleName(input, index)} : ${detail}`;
}

/** Only the patterns shipped with the code may use what needs backtracking: the others run on re2js. */
function checkRegex(rule: CharterRule, source: string, builtIn: boolean): void {
  const problem = regexProblem(source, builtIn);
  if (problem?.kind === 'unsupported') {
    throw new Error(
      `Règle « ${rule.id} » : expression non prise en charge « ${source} » : les renvois (\\1), les assertions avant/arrière ((?=…), (?<=…)) ne sont pas acceptés, car ils peuvent bloquer le service`,
    );
  }
  if (problem) throw new Error(`Règle « ${rule.id} » : expression régulière invalide « ${source} » (${problem.detail})`);
}

/** What the schema cannot say: unique ids, regexes that compile, terms with letters, sane bounds. */
function checkRules(rules: readonly CharterRule[]): void {
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const fail = (detail: string) => {
      throw new Error(`Règle « ${rule.id} » : ${detail}`);
    };
    const before = seen.get(rule.id);
    if (before !== undefined) fail(`identifiant en double (règles n° ${before + 1} et n° ${index + 1})`);
    seen.set(rule.id, index);
    const params = rule.params;
    switch (params.kind) {
      case 'words':
        if (!params.terms && !params.lexicon) fail('il faut des termes (terms) ou un lexique (lexicon)');
        for (const term of params.terms ?? []) if (canonicalWords(term).length === 0) fail(`terme vide « ${term} »`);
        break;
      case 'allow':
        for (const term of params.terms) if (canonicalWords(term).length === 0) fail(`terme vide « ${term} »`);
        break;
      case 'pattern':
        for (const source of params.patterns) checkRegex(rule, source, isBuiltInPattern(source));
        break;
      case 'personal_data':
        for (const source of params.tenantNumberPatterns ?? DEFAULT_TENANT_NUMBER_PATTERNS) checkRegex(rule, source, DEFAULT_TENANT_NUMBER_PATTERNS.includes(source));
        break;
      case 'links':
        for (const domain of [...(params.allowedDomains ?? []), ...(params.blockedDomains ?? [])]) if (!DOMAIN.test(domain)) fail(`nom de domaine invalide « ${domain} »`);
        break;
      case 'length':
        if (params.minChars === undefined && params.maxChars === undefined) fail('il faut minChars ou maxChars');
        if (params.minChars !== undefined && params.maxChars !== undefined && params.minChars > params.maxChars) fail('minChars dépasse maxChars');
        break;
      default:
        break;
    }
  });
}

/** Validates the charter (throws an Error in French naming the rule) and builds its pipeline. */
export function compileCharter(charter: Charter, options: CompileOptions = { wordlists: defaultWordlists }): CompiledCharter {
  const parsed = charterSchema.safeParse(charter, { error: z.locales.fr().localeError });
  if (!parsed.success) throw new Error(describeIssue(parsed.error.issues[0]!, charter));
  const rules: CharterRule[] = parsed.data.rules;
  checkRules(rules);
  const enabled = rules.filter((rule) => rule.enabled);
  for (const rule of enabled) {
    if (!phases.some((phase) => phase.kinds.includes(rule.params.kind))) throw new Error(`Règle « ${rule.id} » : aucune phase ne traite le type « ${rule.params.kind} »`);
  }
  const pipeline = phases.map((phase) => ({ name: phase.name, run: phase.compile(enabled.filter((rule) => phase.kinds.includes(rule.params.kind)), options) }));
  return Object.freeze({ version: parsed.data.version, charter, pipeline });
}
