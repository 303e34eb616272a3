// Feedback after an engagement: one public link per engagement (its code looked up by digest, as the case status
// link's access code; the code itself kept sealed with the at-rest key so staff can copy it again) and the anonymous
// answers to the portal's satisfaction questions (satisfaction 1–5, resolved yes/no, a comment, the page's language).
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table engagement_feedback_links (
    agency_id int not null,
    engagement_id int not null,
    code_hash text not null,
    code_sealed text not null,
    created_by_user_id int,
    created_at timestamptz not null default now(),
    primary key (agency_id, engagement_id),
    foreign key (agency_id, engagement_id) references engagements (agency_id, id) on delete cascade
  )`,
  `create unique index engagement_feedback_links_code on engagement_feedback_links (code_hash)`,
  `create table engagement_feedback (
    agency_id int not null,
    id serial,
    engagement_id int not null,
    satisfaction int not null check (satisfaction between 1 and 5),
    resolved boolean,
    comment text not null default '' check (length(comment) <= 4000),
    language text not null default 'en',
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, engagement_id) references engagements (agency_id, id) on delete cascade
  )`,
  `create index engagement_feedback_engagement on engagement_feedback (agency_id, engagement_id, created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists engagement_feedback').execute(db);
  await sql.raw('drop table if exists engagement_feedback_links').execute(db);
}
