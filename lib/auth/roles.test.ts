import { describe, expect, it } from "vitest";
import { requiredRoleForPath, roleAtLeast } from "./roles";

describe("roles", () => {
  it("are ordered AGENT < MANAGER < ADMIN", () => {
    expect(roleAtLeast("ADMIN", "MANAGER")).toBe(true);
    expect(roleAtLeast("MANAGER", "MANAGER")).toBe(true);
    expect(roleAtLeast("AGENT", "MANAGER")).toBe(false);
    expect(roleAtLeast("MANAGER", "ADMIN")).toBe(false);
  });

  it("map console areas to the role they need", () => {
    expect(requiredRoleForPath("/admin/users")).toBe("ADMIN");
    expect(requiredRoleForPath("/admin")).toBe("ADMIN");
    expect(requiredRoleForPath("/administrator")).toBeNull();
    expect(requiredRoleForPath("/inbox")).toBe("AGENT");
    expect(requiredRoleForPath("/signin")).toBeNull();
    expect(requiredRoleForPath("/mentions")).toBe("MANAGER");
    expect(requiredRoleForPath("/contacts/import")).toBe("MANAGER");
    expect(requiredRoleForPath("/contacts/importer")).toBe("AGENT");
    expect(requiredRoleForPath("/contacts/42")).toBe("AGENT");
  });
});
