import { defineMessages } from '../../lib/i18n';
import { CONSOLE_MESSAGES } from '../../components/messages';
import { COMMON_MESSAGES } from '../../lib/messages';

/** 覆盖分析: the service circle, its gaps and suggested sites. */
export const t = defineMessages({
  ...COMMON_MESSAGES,
  ...CONSOLE_MESSAGES,
  'coverage.title': ['驿站覆盖分析', 'Station coverage'],
  'coverage.intro': [
    '按“1 公里服务圈”和“15 分钟步行（约 1.2 公里）”计算需求点中有多少在开放驿站附近，找出覆盖缺口，并按能新增覆盖的人数推荐新址（贪心最大覆盖）。',
    'How much of the demand lies within 1 km (and a 15-minute walk, 1.2 km) of an open station; where the gaps are; and new sites ranked by the uncovered demand each would add (greedy maximum coverage).',
  ],
  'coverage.org': ['分析范围', 'Union'],
  'coverage.source': ['需求点来源', 'Demand'],
  'coverage.sourceMembers': ['会员所在工会（按会员人数加权）', 'Members’ unions (weighted by members)'],
  'coverage.sourceSet': ['点集', 'Point set'],
  'coverage.pickSet': ['选择点集', 'Choose a point set'],
  'coverage.upload': ['上传需求点', 'Upload demand points'],
  'coverage.start': ['开始分析', 'Analyse'],
  'coverage.started': ['已开始分析，完成后自动显示结果', 'Started: the result shows when it is done'],
  'coverage.runs': ['分析记录', 'Analyses'],
  'coverage.noRuns': ['还没有分析记录', 'No analyses yet'],
  'coverage.when': ['发起时间', 'Started'],
  'coverage.status': ['状态', 'Status'],
  'coverage.status.queued': ['计算中', 'Running'],
  'coverage.status.done': ['已完成', 'Done'],
  'coverage.status.failed': ['失败', 'Failed'],
  'coverage.view': ['查看', 'View'],
  'coverage.points': ['需求点', 'Demand points'],
  'coverage.weight': ['代表人数', 'People'],
  'coverage.within1km': ['1 公里覆盖率', 'Within 1 km'],
  'coverage.withinWalk': ['15 分钟步行覆盖率', 'Within a 15-minute walk'],
  'coverage.stations': ['参与计算的开放驿站', 'Open stations'],
  'coverage.groups': ['各下级工会', 'By union'],
  'coverage.union': ['工会', 'Union'],
  'coverage.gaps': ['覆盖缺口', 'Gaps'],
  'coverage.gap': ['缺口 {n}：{weight} 人，{points} 个点', 'Gap {n}: {weight} people, {points} points'],
  'coverage.suggestions': ['推荐新址', 'Suggested sites'],
  'coverage.rank': ['序号', 'Rank'],
  'coverage.location': ['位置', 'Location'],
  'coverage.covers': ['可新增覆盖', 'Adds'],
  'coverage.noSuggestions': ['没有未覆盖的需求点，无需新址', 'Nothing uncovered: no new site needed'],
  'coverage.legend': [
    '绿点：开放驿站　红圈：覆盖缺口（越大人越多）　蓝色编号：推荐新址及其 1 公里服务圈',
    'Green: open stations · red: gaps (bigger, more people) · blue numbers: suggested sites with their 1 km circle',
  ],
  'coverage.noTiles': ['未配置底图（TILE_URL），仅显示点位', 'No basemap configured (TILE_URL): points only'],
});
