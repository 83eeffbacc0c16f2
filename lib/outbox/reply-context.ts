// What the composer knows before the agent types (pure type, shared with client components).
import type { ReplyEligibility, ReplyNetwork } from "./transport";

export interface ReplyContext {
  network: ReplyNetwork | null;
  /** The account the reply goes out from; null: the sandbox. */
  account: { label: string; status: string; textLimit: number | null } | null;
  eligibility: ReplyEligibility;
  /** The customer's handle, for networks where a reply names them (Mastodon, Bluesky, X). */
  authorHandle: string | null;
}
