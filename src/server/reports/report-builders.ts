// The reports that can be scheduled and exported, by kind: each builds a ReportDocument for a reader (whose
// policies decide which cases count) and a period. Schedules, the CLI and the API find a report here by its kind.
import type { ReportBuilder } from './report-request.ts';
import { buildSavedReport } from './saved-report.ts';
import { buildIndicatorsReport } from './indicators-document.ts';
import { buildMonthlyReportDocument } from './monthly-report-document.ts';
import { buildCommunityReport } from './community-report.ts';
import { buildQualityReport } from './quality-report/quality-report.ts';
import { buildOmbudspersonReport } from './ombudsperson/ombudsperson-report.ts';

export type { ReportBuilder, ReportRequest } from './report-request.ts';

/** Every report kind and its builder. Each reporting module adds its own line. */
export const reportBuilders: Record<string, ReportBuilder> = {};
reportBuilders.saved = buildSavedReport;
reportBuilders.mmr = buildIndicatorsReport;
reportBuilders.monthly = buildMonthlyReportDocument;
reportBuilders.community = buildCommunityReport;
reportBuilders.qa = buildQualityReport;
reportBuilders.ombudsperson = buildOmbudspersonReport;
