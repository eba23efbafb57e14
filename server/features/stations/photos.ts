import { defineFileKind } from '../../http/file-kind';
import type { Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import { findRegistryStation, type RegistryAccess } from './sql';
import type { AccountActor } from '../../http/actor';
import { listFiles } from '../files/attach';

/** A station's photos: public once attached (the finder shows them), at most six, images only. */
export const STATION_PHOTOS = 'stations.photo';
export const STATION_PHOTOS_MAX = 6;
export const STATION_PHOTO_MAX_BYTES = 8 * 1024 * 1024;

/** Who sees a station in the registry (see RegistryAccess). */
export function registryAccessOf(actor: AccountActor): RegistryAccess {
  return {
    manage: scopeFor(actor, 'stations.manage'),
    keep: scopeFor(actor, 'stations.keep'),
    accountId: actor.accountId,
  };
}

/** Whether the account holds stations.manage or stations.keep anywhere. */
export function keepsOrManagesStations(ctx: Ctx): boolean {
  if (ctx.actor?.kind !== 'account') return false;
  const access = registryAccessOf(ctx.actor);
  return access.manage.paths.length > 0 || access.keep.paths.length > 0;
}

/** The file kinds the stations feature owns (Feature.fileKinds). */
export const stationFileKinds = [
  defineFileKind({
    name: STATION_PHOTOS,
    accepts: ['image'],
    isPublic: true,
    maxPerRecord: STATION_PHOTOS_MAX,
    maxBytes: STATION_PHOTO_MAX_BYTES,
    canUpload: keepsOrManagesStations,
    canRead: async (ctx, stationId) =>
      ctx.actor?.kind === 'account' &&
      (await findRegistryStation(ctx.db, registryAccessOf(ctx.actor), stationId)) !== undefined,
  }),
];

/** The public photos of a station (the finder's record), oldest first. */
export async function listStationPhotos(ctx: Ctx, id: number) {
  return (await listFiles(ctx, STATION_PHOTOS, id)).map((f) => ({ id: f.id, url: f.url }));
}
