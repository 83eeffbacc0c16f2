// How a reply leaves Earshot: one transport per network. Pure interface; the sandbox transport
// is the default for every network until a real connection is configured, so nothing leaves
// the building by accident.

export interface OutboundReply {
  network: string;
  caseNumber: number;
  /** The mention replied to, in the network's id space (null for a case without one). */
  inReplyToExternalId: string | null;
  body: string;
}

export interface DeliveryResult {
  status: "sent (sandbox)" | "sent" | "failed";
  externalId?: string | null;
  error?: string | null;
}

export interface ReplyTransport {
  name: string;
  send(reply: OutboundReply): Promise<DeliveryResult>;
}

export const sandboxTransport: ReplyTransport = {
  name: "sandbox",
  async send() {
    return { status: "sent (sandbox)", externalId: null };
  },
};

const registry = new Map<string, ReplyTransport>();

/** Configured network connections register here; anything else goes to the sandbox. */
export function registerTransport(network: string, transport: ReplyTransport): void {
  registry.set(network, transport);
}

export function transportFor(network: string | null): ReplyTransport {
  return (network && registry.get(network)) || sandboxTransport;
}
