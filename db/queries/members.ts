/** Members, workspaces and the admins stored per workspace. */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { members, workspaceAdmins, workspaces } from '../schema.ts';

type PlatformName = 'slack' | 'discord' | 'console';

export async function ensureWorkspace(
  db: DbOrTx,
  id: string,
  platform: PlatformName,
): Promise<void> {
  await db.insert(workspaces).values({ id, platform }).onConflictDoNothing();
}

/** Creates the member or refreshes their display name. */
export async function upsertMember(
  db: DbOrTx,
  member: { id: string; platform: PlatformName; displayName?: string | undefined },
): Promise<void> {
  await db
    .insert(members)
    .values({ id: member.id, platform: member.platform, displayName: member.displayName ?? null })
    .onConflictDoUpdate({
      target: members.id,
      set: { displayName: sql`coalesce(excluded.display_name, ${members.displayName})` },
    });
}

export async function getMember(db: DbOrTx, id: string) {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

export async function isStoredAdmin(
  db: DbOrTx,
  workspaceId: string,
  memberId: string,
): Promise<boolean> {
  const rows = await db
    .select({ memberId: workspaceAdmins.memberId })
    .from(workspaceAdmins)
    .where(
      and(eq(workspaceAdmins.workspaceId, workspaceId), eq(workspaceAdmins.memberId, memberId)),
    );
  return rows.length > 0;
}

export async function addAdmin(
  db: DbOrTx,
  workspaceId: string,
  memberId: string,
  addedBy: string,
): Promise<boolean> {
  const rows = await db
    .insert(workspaceAdmins)
    .values({ workspaceId, memberId, addedBy })
    .onConflictDoNothing()
    .returning({ memberId: workspaceAdmins.memberId });
  return rows.length === 1;
}

export async function removeAdmin(
  db: DbOrTx,
  workspaceId: string,
  memberId: string,
): Promise<boolean> {
  const rows = await db
    .delete(workspaceAdmins)
    .where(
      and(eq(workspaceAdmins.workspaceId, workspaceId), eq(workspaceAdmins.memberId, memberId)),
    )
    .returning({ memberId: workspaceAdmins.memberId });
  return rows.length === 1;
}
