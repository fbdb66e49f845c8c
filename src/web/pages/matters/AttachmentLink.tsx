import { useQuery } from '@tanstack/react-query';
import { PaperClipOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { attachmentUrl } from '../../api/matters';

/** A download link named after the file; the name comes from the attachment's metadata. */
export function AttachmentLink({ id }: { id: string }) {
  const meta = useQuery({
    queryKey: ['attachments', id, 'meta'],
    queryFn: () => api.get<{ filename: string; size: number }>(`${attachmentUrl(id)}/meta`),
    staleTime: Infinity,
    meta: { silent: true },
  });
  return (
    <a href={attachmentUrl(id)} download={meta.data?.filename ?? true} style={{ marginInlineEnd: 12, whiteSpace: 'nowrap' }}>
      <PaperClipOutlined /> {meta.data?.filename ?? (meta.isError ? '附件（无权查看或已删除）' : '附件')}
    </a>
  );
}
