import type { Faker } from '@faker-js/faker';
import { normalizeDomain } from '../../../domain/domains';
import type { ContactId, MemberId, PartnerId, WorkspaceId } from '../../../domain/ids';
import { searchText } from '../../../domain/search-text';
import type { contacts, partnerDomains, partners } from '../../db/schema';
import { newId } from '../../ids';
import {
  brandHeads,
  brandSuffixes,
  brandTails,
  contactRoles,
  countries,
  DEMO_SEED,
  type DemoSize,
  employeeBands,
  industries,
  partnerTypes,
  sizes,
  stages,
  tags,
  tierWeights,
  titlesByRole,
} from './demo.catalog';

/** Complete rows (every column set), so they can also be shown as the API shows them. */
export type PartnerRow = typeof partners.$inferSelect & { id: PartnerId };
export type PartnerDomainRow = typeof partnerDomains.$inferInsert;
export type ContactRow = typeof contacts.$inferInsert & { id: ContactId };

export type DemoRows = {
  partners: PartnerRow[];
  partnerDomains: PartnerDomainRow[];
  contacts: ContactRow[];
};

export type GenerateOptions = {
  workspaceId: WorkspaceId;
  size: DemoSize;
  /** The workspace's tiers, highest first. */
  tiers: string[];
  /** Members who may own partners; about one partner in ten has no owner. */
  ownerIds: MemberId[];
  now: Date;
  /** A fraction of the size's counts (the tests build a small large set); 1 by default. */
  scale?: number;
};

const DAY = 24 * 60 * 60 * 1000;

/** Lower-case ASCII letters and digits only, so names make valid domain and email labels. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Builds the rows of a believable workspace. Everything but the ids and owners comes from one
 * seeded faker, so the same size gives the same names, domains and people every time.
 */
export async function generateDemoRows(options: GenerateOptions): Promise<DemoRows> {
  // Only a demo load needs faker; a serving process never loads it.
  const { base, en, Faker } = await import('@faker-js/faker');
  const faker = new Faker({ locale: [en, base] });
  faker.seed(DEMO_SEED);
  const { workspaceId, now } = options;
  const scale = options.scale ?? 1;
  const count = {
    partners: Math.round(sizes[options.size].partners * scale),
    contacts: Math.round(sizes[options.size].contacts * scale),
  };
  const takenDomains = new Set<string>();
  const tierChoices = options.tiers.map((value, i) => ({ value, weight: tierWeights[i] ?? 10 }));

  const companyName = (): { name: string; stem: string } => {
    const pattern = faker.number.int(9);
    if (pattern < 4) {
      const head = faker.helpers.arrayElement(brandHeads);
      const tail = faker.helpers.arrayElement(brandTails);
      const suffix = faker.helpers.arrayElement(brandSuffixes);
      return { name: `${head}${tail} ${suffix}`, stem: slug(`${head}${tail}`) };
    }
    if (pattern < 7) {
      const family = faker.person.lastName();
      const suffix = faker.helpers.arrayElement(brandSuffixes);
      return { name: `${family} ${suffix}`, stem: slug(`${family}${suffix}`) };
    }
    const name = faker.company.name();
    const stem = slug(name.replace(/\b(Inc|LLC|Group|and Sons)\b/g, ''));
    return { name, stem };
  };

  /** A registrable domain no other partner of the workspace has; variants resolve collisions. */
  const uniqueDomain = (stem: string, tld: string): string => {
    for (let attempt = 0; ; attempt++) {
      const label = attempt === 0 ? stem : attempt === 1 ? `${stem}hq` : `${stem}${attempt}`;
      const domain = normalizeDomain(`${label}.${tld}`);
      if (domain && !takenDomains.has(domain)) {
        takenDomains.add(domain);
        return domain;
      }
    }
  };

  const partnerRows: PartnerRow[] = [];
  const domainRows: PartnerDomainRow[] = [];
  for (let i = 0; i < count.partners; i++) {
    const id = newId<PartnerId>();
    const { name, stem } = companyName();
    const country = faker.helpers.weightedArrayElement(countries);
    const type = faker.helpers.weightedArrayElement(partnerTypes);
    const stage = faker.helpers.weightedArrayElement(stages);
    const localTld = faker.number.float() < 0.3 ? country.tld : 'com';
    const domains = [
      uniqueDomain(stem, type === 'technology' && faker.datatype.boolean(0.2) ? 'io' : localTld),
    ];
    // Some firms also run a country site or an acquired brand's domain.
    if (faker.datatype.boolean(0.15)) {
      domains.push(uniqueDomain(stem, country.tld === 'com' ? 'net' : country.tld));
    }
    const createdAt = new Date(now.getTime() - faker.number.int({ min: 1, max: 3 * 365 }) * DAY);
    const updatedAt = new Date(
      Math.min(now.getTime(), createdAt.getTime() + faker.number.int(200) * DAY),
    );
    const owned = options.ownerIds.length > 0 && faker.datatype.boolean(0.9);
    partnerRows.push({
      id,
      workspaceId,
      name,
      domains,
      website: `https://www.${domains[0]}`,
      type,
      // Prospects are mostly not yet placed in a tier.
      tier:
        stage === 'prospect' && faker.datatype.boolean(0.8)
          ? null
          : faker.helpers.weightedArrayElement(tierChoices),
      stage,
      ownerId: owned ? faker.helpers.arrayElement(options.ownerIds) : null,
      industry: faker.helpers.weightedArrayElement(industries),
      country: country.code,
      size: faker.helpers.weightedArrayElement(employeeBands),
      tags: faker.helpers.arrayElements(tags, faker.helpers.weightedArrayElement(tagCounts)),
      description: faker.datatype.boolean(0.7) ? faker.company.catchPhrase() : null,
      searchText: searchText(name, ...domains),
      // Never touched until interactions exist; `refreshLastTouch` fills both from them.
      contactCadenceDays: null,
      lastTouchAt: null,
      touchDueAt: createdAt,
      // Scored by the daily health job.
      healthScore: null,
      version: 1,
      archivedAt: null,
      createdAt,
      updatedAt,
    });
    for (const domain of domains) domainRows.push({ workspaceId, domain, partnerId: id });
  }

  return {
    partners: partnerRows,
    partnerDomains: domainRows,
    contacts: generateContacts(faker, partnerRows, count.contacts),
  };
}

const tagCounts = [
  { weight: 30, value: 0 },
  { weight: 35, value: 1 },
  { weight: 25, value: 2 },
  { weight: 10, value: 3 },
];

/** Every partner gets at least one contact; the rest go to partners at random. */
function generateContacts(faker: Faker, partnerRows: PartnerRow[], total: number): ContactRow[] {
  const perPartner = partnerRows.map(() => 1);
  for (let i = partnerRows.length; i < total; i++) {
    const index = faker.number.int(partnerRows.length - 1);
    perPartner[index] = (perPartner[index] ?? 0) + 1;
  }
  const rows: ContactRow[] = [];
  partnerRows.forEach((partner, p) => {
    const domain = partner.domains[0] ?? 'example.com';
    const usedEmails = new Set<string>();
    for (let c = 0; c < (perPartner[p] ?? 0); c++) {
      const sex = faker.person.sexType();
      const firstName = faker.person.firstName(sex);
      const lastName = faker.person.lastName();
      const role = faker.helpers.weightedArrayElement(contactRoles);
      const titles = titlesByRole[role];
      let local = `${slug(firstName)}.${slug(lastName)}`;
      for (let n = 2; usedEmails.has(local); n++)
        local = `${slug(firstName)}.${slug(lastName)}${n}`;
      usedEmails.add(local);
      const email = `${local}@${domain}`;
      rows.push({
        id: newId<ContactId>(),
        workspaceId: partner.workspaceId,
        partnerId: partner.id,
        firstName,
        lastName,
        title: titles ? faker.helpers.arrayElement(titles) : faker.person.jobTitle(),
        email,
        phone: faker.datatype.boolean(0.6) ? faker.phone.number({ style: 'international' }) : null,
        role,
        notes: faker.datatype.boolean(0.1) ? faker.lorem.sentence() : null,
        searchText: searchText(firstName, lastName, email),
        createdAt: partner.createdAt,
        updatedAt: partner.createdAt,
      });
    }
  });
  return rows;
}
