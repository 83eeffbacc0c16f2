import "server-only";
import type { Network } from "@/lib/generated/prisma/client";
import { refreshContactKeys } from "@/lib/contacts/key-store";
import { linkIdentities } from "@/lib/contacts/linking/link-identities";
import * as C from "./content";
import { profileUrl } from "./links";
import { NETWORKS, type DemoContext } from "./seed-context";

const AUTHORS = 48;
/** Authors before this index have a contact; the rest are unknown people. */
const LINKED_AUTHORS = 36;

export interface DemoIdentity {
  id: string;
  network: Network;
  handle: string;
  displayName: string;
  contactId: string | null;
  followers: number;
}

export interface DemoPeople {
  contactIds: string[];
  identities: DemoIdentity[];
}

interface Person {
  name: string;
  first: string;
  last: string;
  city: string;
}

/** The i-th author's name and city. */
function nextPerson({ rnd }: DemoContext, i: number, earlier: Person[]): Person {
  // The last twelve authors have no contact; half of them share a name (and sometimes a
  // city) with one, so the demo shows ranked suggestions for agents to decide.
  const twin = i >= LINKED_AUTHORS && i % 2 === 0 ? earlier[(i - LINKED_AUTHORS) * 3] : null;
  const first = twin?.first ?? rnd.pick(C.FIRST_NAMES);
  const last = twin?.last ?? rnd.pick(C.LAST_NAMES);
  const city = twin && i % 4 === 0 ? twin.city : rnd.pick(C.CITIES);
  return { name: `${first} ${last}`, first, last, city };
}

async function createContact({ tx, workspaceId, rnd }: DemoContext, i: number, person: Person): Promise<string> {
  const { name, first, last, city } = person;
  const contact = await tx.contact.create({
    data: {
      workspaceId,
      name,
      emails: [`${first}.${last}${i}@example.com`.toLowerCase()],
      phones: rnd.chance(0.5) ? [`+351 91${rnd.int(1000000, 9999999)}`] : [],
      company: rnd.chance(0.3) ? rnd.pick(C.COMPANIES) : null,
      tier: i % 9 === 0 ? "VIP" : rnd.chance(0.3) ? "Gold" : null,
      tags: rnd.chance(0.4) ? [rnd.pick(["frequent-flyer", "press", "corporate", "complainer"])] : [],
      location: city,
      customFields: { "member since": String(2010 + (i % 15)) },
      notes: rnd.chance(0.3) ? { create: [{ workspaceId, body: rnd.pick(C.INTERNAL_NOTES) }] } : undefined,
    },
  });
  return contact.id;
}

/** The author's accounts: one network, sometimes two (the same network twice counts once). */
function pickNetworks({ rnd }: DemoContext): Set<Network> {
  const networks = new Set<Network>([rnd.pick(NETWORKS.slice(0, 7))]);
  if (rnd.chance(0.4)) networks.add(rnd.pick(NETWORKS.slice(0, 7)));
  return networks;
}

async function createIdentity(
  ctx: DemoContext,
  i: number,
  network: Network,
  handle: string,
  person: Person,
  contactId: string | null,
): Promise<DemoIdentity> {
  const { tx, workspaceId, seed, rnd } = ctx;
  const followers = rnd.chance(0.1) ? rnd.int(10_000, 250_000) : rnd.int(3, 4_000);
  const identity = await tx.socialIdentity.create({
    data: {
      workspaceId,
      network,
      accountId: `${network}-${seed}-${i}`,
      handle,
      displayName: person.name,
      followers,
      verified: followers > 50_000,
      bio: `${rnd.pick(["Traveller", "Designer", "Parent of two", "Engineer", "Photographer"])} based in ${person.city}.`,
      location: person.city,
      profileUrl: profileUrl(network, handle),
      contactId,
    },
  });
  return { id: identity.id, network, handle, displayName: person.name, contactId, followers };
}

/** Contacts and the social identities of every author (linked or not). */
export async function seedContacts(ctx: DemoContext): Promise<DemoPeople> {
  const { rnd } = ctx;
  const people: Person[] = [];
  const contactIds: string[] = [];
  const identities: DemoIdentity[] = [];
  for (let i = 0; i < AUTHORS; i++) {
    const person = nextPerson(ctx, i, people);
    people.push(person);
    const handle = `${person.first}${person.last}`.toLowerCase() + (i % 7 === 0 ? rnd.int(1, 99) : "");
    const contactId = i < LINKED_AUTHORS ? await createContact(ctx, i, person) : null;
    if (contactId) contactIds.push(contactId);
    for (const network of pickNetworks(ctx))
      identities.push(await createIdentity(ctx, i, network, handle, person, contactId));
  }
  return { contactIds, identities };
}

/** Matching keys for the contacts, and link suggestions for the authors without one. */
export async function linkDemoContacts({ tx, workspaceId }: DemoContext, people: DemoPeople): Promise<void> {
  await refreshContactKeys(tx, workspaceId, people.contactIds);
  await linkIdentities(
    tx,
    workspaceId,
    people.identities.filter((i) => !i.contactId).map((i) => i.id),
  );
}
