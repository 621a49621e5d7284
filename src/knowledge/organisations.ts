/** Organisations printed under several names (data/organisations.json), for the search layer's query expansion. */
import table from './data/organisations.json' with { type: 'json' };

export interface OrgAlias {
  name: string;
  aliases: string[];
}

/** Every organisation with its other forms (发展改革委: 发改委, …). */
export function orgAliases(): OrgAlias[] {
  return table.organisations.map((o) => ({ name: o.name, aliases: [...o.aliases] }));
}
