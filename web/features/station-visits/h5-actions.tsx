/**
 * Placeholder on the finder's branch: the station-visits feature provides the real check-in, rating
 * and problem-report buttons under this name and props (the merge takes that file).
 */
export function StationVisitActions(_props: { stationId: number; stationName: string }) {
  return null;
}
