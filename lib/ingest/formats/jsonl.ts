// JSON lines of normalized mentions (imports from other tools); {"deleted": true, "network",
// "externalId"} lines mark deletions.
import { accept, acceptDeletion, emptyOutput, NETWORKS, type NetworkName, type ParseOutput } from "../mention";
import { forEachJsonLine, isObject, str } from "./lines";

export function parseJsonl(text: string): ParseOutput {
  const out = emptyOutput();
  forEachJsonLine(text, out, (value, where) => {
    if (!isObject(value)) return void out.rejected.push({ where, reason: "Expected a JSON object" });
    if (value.deleted === true && !("text" in value)) {
      const network = str(value.network);
      const externalId = str(value.externalId);
      if (!network || !(NETWORKS as readonly string[]).includes(network) || !externalId)
        return void out.rejected.push({ where, reason: "A deletion needs network and externalId" });
      return void acceptDeletion(out, where, network as NetworkName, externalId);
    }
    accept(out, where, value as never, value.edited === true);
  });
  return out;
}
