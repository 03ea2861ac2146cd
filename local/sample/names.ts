/**
 * Participants' names as branches' registers hold them: each region's naming customs (single
 * Javanese names, Gorontalo and Minahasa family names, Bugis and Malay patronymics, Batak marga,
 * Chinese-Indonesian names in both forms), titles, degrees, the odd nickname, upper case from
 * legacy systems. The name lists are in data/sample-population/names.json; which regions a
 * branch's participants come from is in places.json.
 */
import NAMES from "../../data/sample-population/names.json";
import PLACES from "../../data/sample-population/places.json";
import { type Rng, Weighted } from "./random";

type Region = keyof typeof NAMES.regions;
type Gender = "M" | "F";

interface NameParts {
  given: string;
  family?: string;
  muslim: boolean;
}

const { JAVA, GORONTALO, MINAHASA, BUGIS, MALAY, DAYAK, CHINESE, PAPUA, MALUKU, BATAK } = NAMES.regions;
const MALUKU_MUSLIM_FAMILY = new Set(MALUKU.muslimFamily);

const NAME_BUILDERS: Readonly<Record<Region, (rng: Rng, g: Gender) => NameParts>> = {
  JAVA: (rng, g) => {
    if (rng.chance(0.3)) return { given: rng.pick(JAVA.single[g]), muslim: true };
    const given = rng.pick(JAVA.given[g]);
    const withMuhammad = g === "M" && given !== "Muhammad" && rng.chance(0.1);
    return {
      given: withMuhammad ? `Muhammad ${given}` : given,
      family: rng.pick(JAVA.second[g]),
      muslim: true,
    };
  },
  GORONTALO: (rng, g) => ({
    given: rng.pick(GORONTALO.given[g]),
    family: rng.pick(GORONTALO.family),
    muslim: true,
  }),
  MINAHASA: (rng, g) => ({
    given: rng.pick(MINAHASA.given[g]),
    family: rng.pick(MINAHASA.family),
    muslim: false,
  }),
  BUGIS: (rng, g) => {
    const first = rng.pick(BUGIS.given[g]);
    if (rng.chance(0.4)) return { given: first, muslim: true };
    const prefix = rng.chance(0.15) ? "Andi " : "";
    let second = rng.pick(BUGIS.given[g]);
    if (second === first) second = g === "M" ? "Arifin" : "Nurhayati";
    return { given: `${prefix}${first} ${second}`, muslim: true };
  },
  MALAY: (rng, g) => {
    const given = rng.pick(MALAY.given[g]);
    const roll = rng.float();
    if (roll < 0.15)
      return { given: `${given} ${g === "M" ? "bin" : "binti"} ${rng.pick(MALAY.given.M)}`, muslim: true };
    if (roll < 0.3)
      return { given: `${g === "M" ? rng.pick(["Syarif", "Uray"]) : "Syarifah"} ${given}`, muslim: true };
    if (roll < 0.55) return { given, muslim: true };
    return { given: `${given} ${rng.pick(MALAY.given[g])}`, muslim: true };
  },
  DAYAK: (rng, g) => ({ given: rng.pick(DAYAK.given[g]), family: rng.pick(DAYAK.second), muslim: false }),
  CHINESE: (rng, g) =>
    rng.chance(0.55)
      ? // Hakka/Hokkien three-part name, surname first: no given/family reordering makes sense.
        { given: `${rng.pick(CHINESE.surname)} ${rng.pick(CHINESE.given[g])}`, muslim: false }
      : {
          given: rng.pick(CHINESE.indonesianGiven[g]),
          family: rng.pick(CHINESE.indonesianFamily),
          muslim: false,
        },
  PAPUA: (rng, g) => ({ given: rng.pick(PAPUA.given[g]), family: rng.pick(PAPUA.family), muslim: false }),
  MALUKU: (rng, g) => {
    const family = rng.pick(MALUKU.family);
    return { given: rng.pick(MALUKU.given[g]), family, muslim: MALUKU_MUSLIM_FAMILY.has(family) };
  },
  BATAK: (rng, g) => ({ given: rng.pick(BATAK.given[g]), family: rng.pick(BATAK.family), muslim: false }),
};

/** A mix of regions from places.json, refusing a region that has no names. */
function regionMix(weights: Readonly<Record<string, number>>): Weighted<Region> {
  return new Weighted<Region>(
    Object.entries(weights).map(([region, weight]): [Region, number] => {
      if (!Object.hasOwn(NAME_BUILDERS, region))
        throw new RangeError(`places.json: unknown region ${region}`);
      return [region as Region, weight];
    }),
  );
}

/** Where a branch's participants come from, roughly; another branch's from anywhere. */
const BRANCH_REGIONS: Readonly<Record<string, Weighted<Region>>> = Object.fromEntries(
  Object.entries(PLACES.branches).map(([branch, place]) => [branch, regionMix(place.regions)]),
);
const NATIONAL_REGIONS = regionMix(PLACES.elsewhere.regions);

/** Regions whose second name is a real clan or family name (marga, fam), so "Family, Given" occurs. */
const SURNAME_FIRST_REGIONS: ReadonlySet<Region> = new Set([
  "BATAK",
  "MINAHASA",
  "MALUKU",
  "PAPUA",
  "GORONTALO",
]);

export function generateName(rng: Rng, branchCode: string): string {
  const region = (BRANCH_REGIONS[branchCode] ?? NATIONAL_REGIONS).pick(rng);
  const gender: Gender = rng.chance(0.5) ? "M" : "F";
  const parts = NAME_BUILDERS[region](rng, gender);
  let name: string;
  const style = rng.float();
  if (parts.family !== undefined && SURNAME_FIRST_REGIONS.has(region) && style < 0.005) {
    name = `${parts.family}, ${parts.given}`; // clan/family name first, as some registers write it
  } else if (parts.family !== undefined && style > 0.997) {
    name = `${parts.given} "${rng.pick(NAMES.nicknames[gender])}" ${parts.family}`;
  } else {
    name = parts.family === undefined ? parts.given : `${parts.given} ${parts.family}`;
  }
  if (parts.muslim && rng.chance(0.04)) name = `${gender === "M" ? "H." : "Hj."} ${name}`;
  if (rng.chance(0.012)) name += rng.pick(NAMES.degrees);
  if (rng.chance(0.15)) name = name.toUpperCase(); // legacy systems upper-case everything
  return name;
}
