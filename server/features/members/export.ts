import { MemberFilters } from '../../../common/api/members';
import { maskName } from '../../../common/id-number';
import { MEMBER_STATUSES, OCCUPATIONS, type MemberStatus, type Occupation } from '../../../common/members';
import { defineExportKind, exportColumns, yesNoCell } from '../../http/export-kind';
import { can, scopeFor } from '../../http/scope';
import { findMembersForExport } from './sql';
import { memberFilterOf } from './list';

/** Rows read per keyset page of the export. */
const PAGE = 1000;

/**
 * 会员名册 export: the members list's filters, in members.export scope, masked; the unmasked export
 * shows full names, ID numbers and phones of members where the exporter holds members.unmask
 * (others stay masked). The headers are the roster import's, so an export can be corrected and
 * imported again.
 */
export const memberExportKind = defineExportKind({
  name: 'members.roster',
  path: '/members',
  title: '会员名册',
  permission: 'members.export',
  unmaskPermission: 'members.unmask',
  filters: MemberFilters,
  columns: exportColumns({
    member_no: ['会员号', 22],
    name: ['姓名', 12],
    id_number: ['身份证号', 22],
    phone: ['手机号', 15],
    gender: ['性别', 6],
    birth_year: ['出生年份', 10],
    org: ['所在工会', 30],
    occupation: ['职业', 16],
    platform: ['平台', 12],
    employer: ['工作单位', 28],
    new_form: ['新就业形态', 10],
    status: ['状态', 8],
    joined_on: ['入会日期', 12],
  }),
  orgOf: (filters) => filters.org_id,
  async *rows(ctx, filters, { actor, unmask }) {
    const scope = scopeFor(actor, 'members.export');
    const filter = memberFilterOf(filters);
    let afterId: number | undefined;
    for (;;) {
      const page = await findMembersForExport(ctx.db, scope, { ...filter, afterId, limit: PAGE });
      for (const m of page) {
        const full = unmask && can(actor, 'members.unmask', m.org_path);
        yield {
          member_no: m.member_no,
          name: full ? m.name : maskName(m.name),
          id_number: full ? ctx.cipher.decrypt(m.id_enc) : m.id_masked,
          phone: full && m.phone_enc ? ctx.cipher.decrypt(m.phone_enc) : m.phone_masked,
          gender: m.gender === 'M' ? '男' : '女',
          birth_year: m.birth_year,
          org: m.org_name,
          occupation: OCCUPATIONS[m.occupation as Occupation] ?? m.occupation,
          platform: m.platform,
          employer: m.employer,
          new_form: yesNoCell(m.is_new_form),
          status: MEMBER_STATUSES[m.status as MemberStatus] ?? m.status,
          joined_on: m.joined_on,
        };
      }
      if (page.length < PAGE) return;
      afterId = Number(page[page.length - 1]!.id);
    }
  },
});
