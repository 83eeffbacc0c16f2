import "server-only";
import { db } from "@/lib/db/client";

export async function workspaceBySlug(slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  return db().workspace.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}
