// A job's events as the provider reported them (and Weir's own: status changes, errors), newest last.
import type { StoredEvent } from './finetunes-api';

export function JobEvents({ events }: { events: StoredEvent[] }) {
  if (!events.length) return <p className="muted">No events yet.</p>;
  return (
    <div className="job-events" data-testid="job-events">
      <table className="table events-table">
        <tbody>
          {events.map((e) => (
            <tr key={e.seq} className={`event-${e.level}`}>
              <td className="nowrap muted">{new Date(e.at).toLocaleTimeString()}</td>
              <td className="nowrap">
                <span className={`pill level-${e.level}`}>{e.level}</span>
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
