import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Image, Select, Space, Upload, type UploadFile } from 'antd';
import type { KeeperCandidate, StationRecord } from './api';
import { t } from './messages';

/** The most photos a station holds (the server's stations.photo kind says the same). */
const PHOTOS_MAX = 6;

/**
 * The station form's photos: those it has (each removable) and new ones picked here, uploaded
 * only when the form is saved.
 */
export function StationPhotos({
  kept,
  onRemove,
  added,
  onAdd,
}: {
  kept: StationRecord['photos'];
  onRemove: (id: string) => void;
  added: UploadFile[];
  onAdd: (files: UploadFile[]) => void;
}) {
  return (
    <Space wrap>
      {kept.map((p) => (
        <div key={p.id} style={{ position: 'relative' }}>
          <Image src={p.thumb_url ?? p.url} width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('stations.photoRemove')}
            style={{ position: 'absolute', top: 2, right: 2 }}
            onClick={() => onRemove(p.id)}
          />
        </div>
      ))}
      <Upload
        accept="image/*"
        listType="picture-card"
        multiple
        fileList={added}
        beforeUpload={() => false}
        onChange={({ fileList }) => onAdd(fileList.slice(0, Math.max(0, PHOTOS_MAX - kept.length)))}
      >
        {kept.length + added.length < PHOTOS_MAX && <PlusOutlined />}
      </Upload>
    </Space>
  );
}

/**
 * The keeper picker: accounts whose stations.keep grant covers the station's union (the server's
 * list), and the current keeper even when the list leaves them out (so the field never shows a bare id).
 */
export function KeeperSelect({
  candidates,
  current,
  value,
  onChange,
}: {
  candidates: KeeperCandidate[];
  current: StationRecord | null;
  value?: number | null;
  onChange?: (id: number | null) => void;
}) {
  const options = candidates.map((k) => ({ value: k.id, label: `${k.display_name}（${k.username}，${k.org_name}）` }));
  if (current?.keeper_account_id && !candidates.some((k) => k.id === current.keeper_account_id))
    options.push({ value: current.keeper_account_id, label: current.keeper_name ?? String(current.keeper_account_id) });
  return (
    <Select
      allowClear
      value={value ?? undefined}
      onChange={(id?: number) => onChange?.(id ?? null)}
      placeholder={t('stations.noKeeper')}
      data-testid="station-form-keeper"
      options={options}
    />
  );
}
