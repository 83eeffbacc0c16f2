import { describe, expect, it } from "vitest";
import { bioEmails } from "./bio-emails";
import {
  companyOwnsHost,
  isHouseholdMailbox,
  isNewsHost,
  isPlatformPage,
  isRoleMailbox,
  registeredLabel,
  siteSpellsName,
} from "./domains";

describe("whose a site or mailbox is", () => {
  it("knows role mailboxes (a maintained list) and household mailboxes", () => {
    for (const e of [
      "info@x.example",
      "support@x.example",
      "tips@paper.example",
      "press@fest.example",
      "hello@studio.example",
      "team@space.example",
      "contact@x.example",
      "office@law.example",
      "customer.service@x.example",
      "no-reply@x.example",
      "collabs@x.example",
      "management@x.example",
      "northwind.sales@x.example",
      "press-office@x.example",
      "support_emea@x.example",
    ])
      expect(isRoleMailbox(e), e).toBe(true);
    for (const e of [
      "jane@x.example",
      "ann.lee@x.example",
      "teamjane@x.example",
      "jane.doe@x.example",
      "infante.maria@x.example",
    ])
      expect(isRoleMailbox(e), e).toBe(false);
    for (const e of [
      "rossi.family@gmail.com",
      "millerhousehold@yahoo.com",
      "familiaruiz@hotmail.com",
      "tanaka.family@docomo.ne.jp",
    ])
      expect(isHouseholdMailbox(e), e).toBe(true);
    expect(isHouseholdMailbox("homer@x.example")).toBe(false);
  });
  it("knows platform pages, news outlets and a company's own domain", () => {
    expect(isPlatformPage("linktr.ee/jane")).toBe(true);
    expect(isPlatformPage("medium.com/@jane")).toBe(true);
    expect(isPlatformPage("jane.substack.com")).toBe(false);
    expect(isNewsHost("theguardian.com")).toBe(true);
    expect(isNewsHost("edition.cnn.com")).toBe(true);
    expect(isNewsHost("janedoe.com")).toBe(false);
    expect(registeredLabel("shop.northwind.co.uk")).toBe("northwind");
    expect(registeredLabel("aylindemir.com.tr")).toBe("aylindemir");
    expect(companyOwnsHost("Vogel & Partner", "vogelpartner.de")).toBe(true);
    expect(companyOwnsHost("El País", "elpais.com")).toBe(true);
    expect(companyOwnsHost("Northwind Traders", "northwindtraders.com")).toBe(true);
    expect(companyOwnsHost("Zalando", "felixbraun.dev")).toBe(false);
    expect(companyOwnsHost(null, "acme.com")).toBe(false);
    expect(siteSpellsName("hannahgoldberg.net", ["hannahgoldberg"], ["hannah", "goldberg"])).toBe(true);
    expect(siteSpellsName("fjordanalytics.no", ["peterolsen"], ["peter", "olsen"])).toBe(false);
  });
});

describe("bio e-mails", () => {
  it("counts an address as the author's own only when the bio presents it so", () => {
    const own = (bio: string) => bioEmails(bio).map((b) => b.own);
    expect(own("Reach me: jane@x.example")).toEqual([true]);
    expect(own("Illustrator. Commissions open 📧 marta@x.example")).toEqual([true]);
    expect(own("Email me at sophie@x.example — no DMs")).toEqual([true]);
    expect(own("Milano | ✉️ chiara@x.example")).toEqual([true]);
    expect(own("Пишите: n.sokolov@x.example")).toEqual([true]);
    expect(own("UGC creator ✨ Collabs: jess@agency.example")).toEqual([false]);
    expect(own("Gaming every day! Management: mark@mgmt.example")).toEqual([false]);
    expect(own("Singer. Booking: olivia@talent.example")).toEqual([false]);
    expect(own("Inquiries via my assistant nina@x.example")).toEqual([false]);
    expect(own("Chef. PR: chris@pr.example")).toEqual([false]);
    expect(own("Married to the amazing Amara (amara@x.example) 💍")).toEqual([false]);
    expect(own("Proud mom! Orders for my daughter's art: farah@x.example")).toEqual([false]);
    expect(own("Working at Acme. Questions? info@acme.example")).toEqual([false]);
    expect(own("Business: arjun@x.example")).toEqual([false]);
    expect(own("")).toEqual([]);
  });
});
