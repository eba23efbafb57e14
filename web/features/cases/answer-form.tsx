import { Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind } from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { createCaseAnswer, updateCaseAnswer, type CaseAnswer } from './api';
import { t } from './messages';

interface Values {
  title: string;
  body: string;
  keywords?: string;
  /** '' for every kind (a Select cannot hold null as a choice). */
  kind: CaseKind | '';
}

const KIND_OPTIONS = [
  { value: '', label: t('kb.field.kindAll') },
  ...CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] })),
];

/** New or edited knowledge-base answer; the server's field errors show under their fields. */
export function AnswerForm({
  answer,
  onClose,
  onSaved,
}: {
  /** The answer edited; null for a new one. */
  answer: CaseAnswer | null;
  onClose: () => void;
  onSaved: (saved: CaseAnswer) => void;
}) {
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    form.setFieldsValue(
      answer
        ? { title: answer.title, body: answer.body, keywords: answer.keywords, kind: answer.kind ?? '' }
        : { title: '', body: '', keywords: '', kind: '' },
    );
  }, [answer, form]);

  const { submit, isSaving, error } = useFormSubmit(form, async (v: Values) => {
    const fields = { title: v.title, body: v.body, keywords: v.keywords ?? '', kind: v.kind || null };
    const saved = answer
      ? await updateCaseAnswer(answer.id, { ...fields, version: answer.version })
      : await createCaseAnswer(fields);
    onSaved(saved);
  });

  return (
    <Modal
      open
      title={answer ? t('kb.edit') : t('kb.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'kb-save' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="kb-form">
        <Form.Item
          name="title"
          label={t('kb.field.title')}
          rules={[{ required: true, whitespace: true, message: t('kb.titleRequired') }]}
        >
          <Input maxLength={100} autoFocus data-testid="kb-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('kb.field.body')}
          rules={[{ required: true, whitespace: true, message: t('kb.bodyRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={4000} showCount data-testid="kb-body" />
        </Form.Item>
        <Form.Item name="keywords" label={t('kb.field.keywords')} extra={t('kb.field.keywordsHint')}>
          <Input maxLength={200} data-testid="kb-keywords" />
        </Form.Item>
        <Form.Item name="kind" label={t('kb.field.kind')}>
          <Select options={KIND_OPTIONS} data-testid="kb-kind" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
