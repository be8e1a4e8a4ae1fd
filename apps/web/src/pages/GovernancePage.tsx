import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { GovernanceRecords } from '../governance/GovernanceRecords.tsx';

/** `/s/:spaceId/governance`: the space's circles, roles, policies and their history. */
export function GovernancePage() {
  return (
    <SpaceDocPage titleKey="gov.page.title" loadingKey="gov.page.loading">
      {(space, doc) => (
        <GovernanceRecords spaceId={space.id} spaceName={space.name} spaceDoc={doc} />
      )}
    </SpaceDocPage>
  );
}
