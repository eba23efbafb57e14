import { App, Skeleton, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useEffect, useRef } from 'react';
import { describeError } from '../../lib/http';
import { ErrorAlert } from '../../components/error-alert';
import { t } from './messages';
import type { OrgListItem } from './api';
import type { ChildPage, OrgTreeState } from './use-org-tree';

const MORE_PREFIX = 'more:';

function buildNode(org: OrgListItem, children: ReadonlyMap<number, ChildPage>): TreeDataNode {
  const page = children.get(org.id);
  const title = (
    <span style={org.status === 'inactive' ? { color: '#999' } : undefined}>
      {org.name}
      {org.status === 'inactive' && <Tag style={{ marginInlineStart: 6 }}>{t('orgs.inactive')}</Tag>}
    </span>
  );
  const node: TreeDataNode = { key: org.id, title, isLeaf: org.child_count === 0 };
  if (page) {
    node.children = page.items.map((child) => buildNode(child, children));
    if (page.next_cursor) {
      node.children.push({
        key: `${MORE_PREFIX}${org.id}`,
        isLeaf: true,
        title: <Typography.Link>{t('common.loadMore')}</Typography.Link>,
      });
    }
  }
  return node;
}

export function OrgTree({
  tree,
  selectedId,
  onSelect,
}: {
  tree: OrgTreeState;
  selectedId: number;
  onSelect: (orgId: number) => void;
}) {
  const { message } = App.useApp();
  const box = useRef<HTMLDivElement>(null);
  const scrolledTo = useRef<number | null>(null);

  // An org opened from search or a link may sit far down a long branch: bring it into view once
  // its branch has unfolded, but leave the scroll alone while the user browses other branches.
  useEffect(() => {
    if (scrolledTo.current === selectedId) return;
    const node = box.current?.querySelector('.ant-tree-treenode-selected');
    if (!node) return;
    node.scrollIntoView({ block: 'nearest' });
    scrolledTo.current = selectedId;
  }, [selectedId, tree.children, tree.expandedKeys]);

  if (tree.rootError) return <ErrorAlert error={tree.rootError} onRetry={tree.retryRoot} />;
  if (!tree.root) return <Skeleton active paragraph={{ rows: 6 }} />;

  return (
    <div ref={box}>
      <Tree
        data-testid="org-tree"
        blockNode
        showLine
        treeData={[buildNode(tree.root, tree.children)]}
        loadedKeys={[...tree.children.keys()]}
        expandedKeys={tree.expandedKeys}
        onExpand={(keys) => tree.setExpandedKeys(keys.map(Number))}
        selectedKeys={[selectedId]}
        loadData={(node) =>
          tree.loadChildren(Number(node.key)).catch((err: unknown) => {
            // Folding the branch back stops the tree from retrying on its own in a loop.
            message.error(describeError(err));
            tree.setExpandedKeys((keys) => keys.filter((k) => k !== node.key));
          })
        }
        onSelect={(_, { node }) => {
          // Org nodes are keyed by their numeric id; the "load more" rows by a string.
          const key = node.key;
          if (typeof key !== 'string' || !key.startsWith(MORE_PREFIX)) {
            onSelect(Number(key));
            return;
          }
          tree
            .loadMoreChildren(Number(key.slice(MORE_PREFIX.length)))
            .catch((err: unknown) => message.error(describeError(err)));
        }}
      />
    </div>
  );
}
