// The list of keyboard shortcuts, opened with ? or the Shortcuts button.
import { ModalDialog } from './modal-dialog.tsx';

const SHORTCUTS: [string, string][] = [
  ['j / k', 'Move to the next / previous case in a queue, or result in search results'],
  ['Enter', 'Open the case or result you are on'],
  ['x', 'Select or unselect the case you are on'],
  ['/', 'Search (the queue’s text filter, or cases and people)'],
  ['n', 'Log a new case'],
  ['?', 'Show this list'],
  ['Escape', 'Close a dialog'],
];

/** The shortcut help dialog. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <ModalDialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcut-table">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([key, does]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
