/** Reads a posted form as plain strings; anything malformed becomes an empty form. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > 64 * 1024) return {};
  try {
    const form = await request.formData();
    const values: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (typeof value === 'string') values[key] = value.slice(0, 10_000);
    return values;
  } catch {
    return {};
  }
}
