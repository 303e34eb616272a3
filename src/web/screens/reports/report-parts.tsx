// Pieces the report screens share: the month they open on, the download links of a report and the toast that says
// a report is ready.
import { useEffect } from 'react';
import { useAnnounce } from '../../components/announcer.tsx';
import { agencyToday } from '../../format.ts';
import { monthPeriod, previousMonth, type ReportPeriod } from '../../../shared/report-periods.ts';

/** The last complete month in the agency's time zone (today as YYYY-MM-DD): the period a report screen opens on. */
export function lastMonth(today = agencyToday()): ReportPeriod {
  const [year, month] = today.split('-').map(Number);
  return previousMonth(monthPeriod(year!, month!));
}

type DownloadFormat = 'csv' | 'xlsx' | 'pdf';

/** "Download CSV", "Download XLSX", … links to what is on screen; `href` gives the API path of each format. */
export function DownloadLinks<F extends DownloadFormat>(props: { formats: F[]; href(format: F): string }) {
  return (
    <div className="actions">
      {props.formats.map((format) => (
        <a key={format} href={props.href(format)} download>
          Download {format.toUpperCase()}
        </a>
      ))}
    </div>
  );
}

/** Announces `message(data)` once fresh data has arrived (not while the previous answer stands in for it). */
export function useAnnounceReady<T>(
  query: { data: T | undefined; isPlaceholderData: boolean },
  message: (data: T) => string,
): void {
  const announce = useAnnounce();
  const text = query.data && !query.isPlaceholderData ? message(query.data) : undefined;
  useEffect(() => {
    if (text) announce(text);
  }, [text, query.data, announce]);
}
