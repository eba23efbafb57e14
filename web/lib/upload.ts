import { http } from './http';

/**
 * Uploads files of one kind (docs/decisions/0012-uploads.md) and answers the references the
 * owning feature's write then attaches (`attachments`, `photo`, `certificates`).
 */
export async function uploadFiles(kind: string, files: readonly File[]): Promise<Array<{ id: string }>> {
  const form = new FormData();
  form.append('kind', kind); // the kind first: the server reads its limits before any file
  for (const file of files) form.append('files', file);
  const answer = await http.post<{ items: Array<{ id: string }> }>('/files', { body: form });
  return answer.items.map(({ id }) => ({ id }));
}
