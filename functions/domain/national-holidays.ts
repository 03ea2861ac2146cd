/**
 * Indonesia's national holidays (hari libur nasional) and collective leave days (cuti bersama), as
 * each year's joint decree of the Ministers of Religious Affairs, Manpower and Administrative
 * Reform (SKB 3 Menteri) sets them. Data, not rules: add a year when its decree is published, and
 * move a day when the Minister of Religious Affairs' isbat moves an Islamic date. A day marked
 * `confirmed: false` was not read in the year's decree (see the year's source). Branch-specific
 * days (regional holidays) belong in the branch's `contactWindow.holidays`.
 */

export type DayOffKind = "HOLIDAY" | "CUTI_BERSAMA";

export interface NationalDayOff {
  /** Local date YYYY-MM-DD (the same date in every zone). */
  date: string;
  /** As the decree names it. */
  name: string;
  kind: DayOffKind;
  /** False: not read in the year's decree (estimated, or the decree was not available). */
  confirmed: boolean;
}

export interface NationalCalendarYear {
  year: number;
  /** The decree the days come from, or why there is none yet. */
  source: string;
  days: readonly NationalDayOff[];
}

const day = (date: string, name: string, kind: DayOffKind = "HOLIDAY", confirmed = true): NationalDayOff => ({
  date,
  name,
  kind,
  confirmed,
});
const cuti = (date: string, name: string) => day(date, name, "CUTI_BERSAMA");
/** Not confirmed by a decree: a fixed date, or a moveable one computed ahead of the decree. */
const estimate = (date: string, name: string) => day(date, name, "HOLIDAY", false);

export const NATIONAL_CALENDAR: readonly NationalCalendarYear[] = [
  {
    year: 2026,
    source:
      "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025, Nomor 2 " +
      "Tahun 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026 " +
      "(signed 19 September 2025; 17 holidays, 8 cuti bersama; published by Kemenko PMK). The dates " +
      "of Idulfitri and Iduladha 1447 H follow the Minister of Religious Affairs' isbat decision.",
    days: [
      day("2026-01-01", "Tahun Baru 2026 Masehi"),
      day("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
      cuti("2026-02-16", "Cuti bersama Tahun Baru Imlek"),
      day("2026-02-17", "Tahun Baru Imlek 2577 Kongzili"),
      cuti("2026-03-18", "Cuti bersama Hari Suci Nyepi"),
      day("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)"),
      cuti("2026-03-20", "Cuti bersama Idulfitri 1447 H"),
      day("2026-03-21", "Idulfitri 1447 H"),
      day("2026-03-22", "Idulfitri 1447 H"),
      cuti("2026-03-23", "Cuti bersama Idulfitri 1447 H"),
      cuti("2026-03-24", "Cuti bersama Idulfitri 1447 H"),
      day("2026-04-03", "Wafat Yesus Kristus"),
      day("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
      day("2026-05-01", "Hari Buruh Internasional"),
      day("2026-05-14", "Kenaikan Yesus Kristus"),
      cuti("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"),
      day("2026-05-27", "Iduladha 1447 H"),
      cuti("2026-05-28", "Cuti bersama Iduladha 1447 H"),
      day("2026-05-31", "Hari Raya Waisak 2570 BE"),
      day("2026-06-01", "Hari Lahir Pancasila"),
      day("2026-06-16", "1 Muharam Tahun Baru Islam 1448 H"),
      day("2026-08-17", "Proklamasi Kemerdekaan"),
      day("2026-08-25", "Maulid Nabi Muhammad SAW"),
      cuti("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus"),
      day("2026-12-25", "Kelahiran Yesus Kristus"),
    ],
  },
  {
    year: 2027,
    source:
      "No SKB 3 Menteri for 2027 could be read when this was written (2026-12-06): every day is " +
      "unconfirmed. Fixed dates are the statutory ones; Islamic dates are the Umm al-Qura date and the " +
      "day after (Indonesia's isbat has fallen on either), Christian ones follow Easter (28 March), " +
      "Imlek, Nyepi and Waisak are the published astronomical dates. No cuti bersama yet: add them " +
      "(and correct these) from the decree.",
    days: [
      estimate("2027-01-01", "Tahun Baru 2027 Masehi"),
      estimate("2027-01-05", "Isra Mikraj Nabi Muhammad SAW (1448 H)"),
      estimate("2027-01-06", "Isra Mikraj Nabi Muhammad SAW (1448 H)"),
      estimate("2027-02-06", "Tahun Baru Imlek 2578 Kongzili"),
      estimate("2027-03-08", "Hari Suci Nyepi (Tahun Baru Saka 1949)"),
      estimate("2027-03-09", "Idulfitri 1448 H"),
      estimate("2027-03-10", "Idulfitri 1448 H"),
      estimate("2027-03-11", "Idulfitri 1448 H"),
      estimate("2027-03-26", "Wafat Yesus Kristus"),
      estimate("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)"),
      estimate("2027-05-01", "Hari Buruh Internasional"),
      estimate("2027-05-06", "Kenaikan Yesus Kristus"),
      estimate("2027-05-16", "Iduladha 1448 H"),
      estimate("2027-05-17", "Iduladha 1448 H"),
      estimate("2027-05-20", "Hari Raya Waisak 2571 BE"),
      estimate("2027-06-01", "Hari Lahir Pancasila"),
      estimate("2027-06-06", "1 Muharam Tahun Baru Islam 1449 H"),
      estimate("2027-06-07", "1 Muharam Tahun Baru Islam 1449 H"),
      estimate("2027-08-14", "Maulid Nabi Muhammad SAW"),
      estimate("2027-08-15", "Maulid Nabi Muhammad SAW"),
      estimate("2027-08-17", "Proklamasi Kemerdekaan"),
      estimate("2027-12-25", "Kelahiran Yesus Kristus; Isra Mikraj Nabi Muhammad SAW (1449 H)"),
      estimate("2027-12-26", "Isra Mikraj Nabi Muhammad SAW (1449 H)"),
    ],
  },
];

/** Which national days a branch keeps free of contact. */
export type NationalCalendarUse = "HOLIDAYS_AND_CUTI_BERSAMA" | "HOLIDAYS" | "NONE";

const HOLIDAYS = new Set(
  NATIONAL_CALENDAR.flatMap((y) => y.days.filter((d) => d.kind === "HOLIDAY")).map((d) => d.date),
);
const CUTI_BERSAMA = new Set(
  NATIONAL_CALENDAR.flatMap((y) => y.days.filter((d) => d.kind === "CUTI_BERSAMA")).map((d) => d.date),
);

/** Whether local `date` is a national day off under `use`. */
export function isNationalDayOff(date: string, use: NationalCalendarUse): boolean {
  if (use === "NONE") return false;
  return HOLIDAYS.has(date) || (use === "HOLIDAYS_AND_CUTI_BERSAMA" && CUTI_BERSAMA.has(date));
}
