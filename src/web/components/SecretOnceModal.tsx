import { Alert, Modal, Typography } from 'antd';

/**
 * Shows a secret the server will never show again (a one-time password, a new
 * API token), with a copy button. Closing it is the only way on, so the user
 * has had the chance to copy it.
 */
export function SecretOnceModal({
  open,
  title,
  label,
  secret,
  note,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  secret: string | null;
  note: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      okText="我已复制，关闭"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={note} style={{ marginBottom: 16 }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: secret ?? '', tooltips: ['复制', '已复制'] }}
        code
        style={{ fontSize: 16, marginTop: 4, wordBreak: 'break-all' }}
        aria-label={label}
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
