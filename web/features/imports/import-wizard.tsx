import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Popconfirm, Progress, Result, Space, Statistic, Steps, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { asApiError, type ApiError } from '../../lib/http';
import { OrgSelect, type OrgOption } from '../orgs/org-select';
import { cancelImport, downloadErrorReport, downloadTemplate, fetchImport, startImport, type ImportView } from './api';
import { t } from './messages';

/** How often the wizard asks for the progress of a running import. */
const POLL_MS = 1000;
const isRunning = (imp: ImportView) => imp.state === 'queued' || imp.state === 'running';

/**
 * The import wizard of any kind (`members.roster`, later stations'): download the template →
 * choose the union → upload the .xlsx (refused at once with the reason when it is not a good
 * file) → a progress bar while the job works → the counts and the error report. Reusable: the
 * kind, its Chinese title and the union to start from are all it needs.
 */
export function ImportWizard({
  kind,
  title,
  initialOrg,
  onClose,
  onImported,
}: {
  kind: string;
  title: string;
  initialOrg?: OrgOption;
  onClose: () => void;
  /** Called once an import has ended with rows written (the page reloads its list). */
  onImported?: () => void;
}) {
  const [step, setStep] = useState(0);
  const [orgId, setOrgId] = useState<number | undefined>(initialOrg?.value);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [imp, setImp] = useState<ImportView | null>(null);

  const act = async (work: () => Promise<void>) => {
    setIsBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setIsBusy(false);
    }
  };

  // Polls the import while it runs; moves to the summary when it ends.
  useEffect(() => {
    if (!imp || !isRunning(imp)) return;
    const timer = setTimeout(() => {
      fetchImport(imp.id).then(
        (next) => {
          setImp(next);
          if (!isRunning(next)) {
            setStep(4);
            if (next.written_rows > 0) onImported?.();
          }
        },
        (err: unknown) => setError(asApiError(err)),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [imp, onImported]);

  const upload = () =>
    act(async () => {
      const started = await startImport(kind, orgId!, file!);
      setImp(started);
      setStep(3);
    });

  const restart = () => {
    setImp(null);
    setFile(null);
    setError(null);
    setStep(2);
  };

  const body = [
    <Space key="template" orientation="vertical" size="middle">
      <Typography.Paragraph>{t('imports.templateHint')}</Typography.Paragraph>
      <Button onClick={() => act(() => downloadTemplate(kind))} loading={isBusy} data-testid="import-template">
        {t('imports.downloadTemplate')}
      </Button>
    </Space>,
    <Space key="org" orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{t('imports.orgHint')}</Typography.Text>
      <OrgSelect
        value={orgId}
        initialOption={initialOrg}
        activeOnly
        placeholder={t('imports.orgPlaceholder')}
        onChange={(id) => setOrgId(id)}
        style={{ width: '100%' }}
        testId="import-org"
      />
    </Space>,
    <div key="upload" data-testid="import-file">
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        beforeUpload={(f) => {
          setFile(f);
          setError(null);
          return false;
        }}
        onRemove={() => setFile(null)}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('imports.uploadHint')}</p>
        <p className="ant-upload-hint">{t('imports.uploadLimit')}</p>
      </Upload.Dragger>
    </div>,
    imp && <ImportProgress key="progress" imp={imp} />,
    imp && <ImportSummary key="summary" imp={imp} />,
  ][step];

  const footer = [
    step > 0 && step < 3 && (
      <Button key="back" onClick={() => setStep(step - 1)}>
        {t('imports.back')}
      </Button>
    ),
    step < 2 && (
      <Button key="next" type="primary" disabled={step === 1 && !orgId} onClick={() => setStep(step + 1)}>
        {t('imports.next')}
      </Button>
    ),
    step === 2 && (
      <Button key="start" type="primary" disabled={!file || !orgId} loading={isBusy} onClick={upload}>
        {t('imports.start')}
      </Button>
    ),
    step === 3 && imp && isRunning(imp) && (
      <Popconfirm
        key="cancel"
        title={t('imports.cancelConfirm')}
        onConfirm={() => act(async () => setImp(await cancelImport(imp.id)))}
      >
        <Button danger>{t('imports.cancel')}</Button>
      </Popconfirm>
    ),
    step === 4 && (
      <Button key="again" onClick={restart}>
        {t('imports.again')}
      </Button>
    ),
    <Button key="close" onClick={onClose}>
      {t('imports.close')}
    </Button>,
  ];

  return (
    <Modal open width={680} title={t('imports.title', { title })} onCancel={onClose} footer={footer} destroyOnHidden>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('imports.stepTemplate') },
          { title: t('imports.stepOrg') },
          { title: t('imports.stepUpload') },
          { title: t('imports.stepProgress') },
          { title: t('imports.stepSummary') },
        ]}
      />
      <ErrorAlert error={error} />
      <div data-testid="import-step">{body}</div>
    </Modal>
  );
}

/** The progress bar while the job works: the file is counted first, then read, checked and written. */
function ImportProgress({ imp }: { imp: ImportView }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
      <Progress percent={imp.progress} status="active" />
      <Typography.Text type="secondary">
        {imp.total_rows === null
          ? t('imports.checking')
          : t('imports.progress', { read: imp.read_rows, total: imp.total_rows })}
      </Typography.Text>
    </Space>
  );
}

/** The import's end: the counts, the reason for a refused file, and the error report. */
function ImportSummary({ imp }: { imp: ImportView }) {
  const [error, setError] = useState<ApiError | null>(null);
  const status = imp.state === 'done' ? (imp.has_errors ? 'warning' : 'success') : 'error';
  return (
    <div data-testid="import-summary">
      <Result
        status={status}
        title={t(`imports.state.${imp.state}`)}
        subTitle={imp.message ?? `${imp.org_name} · ${imp.file_name}`}
        style={{ padding: '8px 0' }}
      />
      <Space size={40} style={{ marginBottom: 16 }}>
        <Statistic title={t('imports.total')} value={imp.total_rows ?? 0} />
        <Statistic title={t('imports.written')} value={imp.written_rows} styles={{ content: { color: '#389e0d' } }} />
        <Statistic title={t('imports.duplicates')} value={imp.duplicate_rows} />
        <Statistic title={t('imports.invalid')} value={imp.invalid_rows} styles={{ content: { color: '#cf1322' } }} />
      </Space>
      {imp.has_errors && (
        <Alert
          type="warning"
          showIcon
          title={t('imports.errorsHint')}
          action={
            <Button
              size="small"
              onClick={() => downloadErrorReport(imp.id).catch((err: unknown) => setError(asApiError(err)))}
              data-testid="import-errors"
            >
              {t('imports.downloadErrors')}
            </Button>
          }
        />
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
