import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { feedback } from '../../components/feedback';
import { uploadAttachment, type UploadedFile } from '../../api/matters';

/** The ids of the files that finished uploading; failed or pending ones are not evidence yet. */
export const uploadedIds = (files: UploadFile<UploadedFile>[] | undefined): string[] =>
  (files ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);

/**
 * 佐证材料: each file goes to POST /attachments as soon as it is picked (the
 * action then sends only the ids), so a large file fails early, with the
 * server's Chinese reason shown in a toast and the file marked red. Controlled by Form.Item
 * (valuePropName="fileList").
 */
export function EvidenceUpload({
  fileList,
  onChange,
  label = '上传佐证材料',
}: {
  fileList?: UploadFile<UploadedFile>[];
  onChange?: (files: UploadFile<UploadedFile>[]) => void;
  label?: string;
}) {
  return (
    <Upload<UploadedFile>
      multiple
      fileList={fileList ?? []}
      onChange={({ fileList: next }) => onChange?.(next)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(file as File).then(
          (r) => onSuccess?.(r),
          (e: Error) => {
            feedback.message?.error(`${(file as File).name}：${e.message}`);
            onError?.(e);
          },
        );
      }}
    >
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  );
}
