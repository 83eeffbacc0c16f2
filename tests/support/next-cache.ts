// Stand-in for next/cache outside a Next request: records what would be revalidated so tests
// can assert it.
export const revalidated: string[] = [];

export function revalidatePath(path: string): void {
  revalidated.push(path);
}

export function revalidateTag(tag: string): void {
  revalidated.push(`tag:${tag}`);
}
