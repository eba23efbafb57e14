import { App, Card, Col, Result, Row } from 'antd';
import { useCallback, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../../lib/http';
import { t } from './messages';
import type { AccountMe } from '../auth/api';
import type { OrgDetail } from './api';
import { OrgDetailPane, type OrgChangeHandlers } from './org-detail';
import { OrgSearch } from './org-search';
import { OrgTree } from './org-tree';
import { useOrgTree } from './use-org-tree';

/** 组织架构: the tree under the current grant root on the left, the selected org on the right. */
export function OrgsPage({ me, rootId }: { me: AccountMe; rootId: number }) {
  // A new root is a new tree: remounting drops every branch loaded under the old one.
  return <OrgWorkspace key={rootId} me={me} rootId={rootId} />;
}

function OrgWorkspace({ me, rootId }: { me: AccountMe; rootId: number }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const param = useParams().orgId;
  // A malformed id in the URL (not a whole number from 1 to 2^31 - 1, all the API takes) is simply
  // an org that does not exist: answered here without asking the server (0 is never an id).
  const selectedId =
    param === undefined ? rootId : /^[1-9]\d{0,9}$/.test(param) && Number(param) <= 2_147_483_647 ? Number(param) : 0;
  const tree = useOrgTree(rootId);
  const { reveal, refreshParent, replaceOrg } = tree;
  const open = (orgId: number) => navigate(`/orgs/${orgId}`);

  // Opening an org from search, a link or a move unfolds the tree down to it.
  const revealOrg = useCallback(
    (org: OrgDetail) => void reveal(org.ancestors.map((a) => a.id)).catch(() => undefined),
    [reveal],
  );

  const handlers = useMemo<OrgChangeHandlers>(() => {
    const refresh = (parentId: number | null) =>
      parentId ? refreshParent(parentId).catch((err: unknown) => message.error(describeError(err))) : Promise.resolve();
    return {
      onCreated: (org: OrgDetail) => {
        message.success(t('orgs.created', { name: org.name }));
        void refresh(org.parent_id).then(() => navigate(`/orgs/${org.id}`));
      },
      onUpdated: (org: OrgDetail, notice: string) => {
        message.success(notice);
        replaceOrg(org);
      },
      onMoved: (org: OrgDetail, fromParentId: number | null) => {
        message.success(t('orgs.moved', { name: org.name }));
        void Promise.all([refresh(fromParentId), refresh(org.parent_id)]);
      },
    };
  }, [message, navigate, refreshParent, replaceOrg]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xl={8}>
        <Card title={t('orgs.title')} styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
          <OrgSearch onOpen={open}>
            <OrgTree tree={tree} selectedId={selectedId} onSelect={open} />
          </OrgSearch>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {selectedId > 0 ? (
          <OrgDetailPane me={me} orgId={selectedId} onLoaded={revealOrg} handlers={handlers} />
        ) : (
          <Card>
            <Result status="404" title={t('orgs.notFound')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
