import { DeadEnd } from './DeadEnd';

/** What a page shows to a role that may not use it: no form to fill in only to be refused. */
export function NoAccess({ what }: { what: string }) {
  return (
    <DeadEnd title="Not available to your role">
      Your role does not allow you to {what}. An administrator of your workspace can change your
      role.
    </DeadEnd>
  );
}
