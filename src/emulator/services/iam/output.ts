import type { Attachment, GroupEntity, RoleEntity, Tag, UserEntity } from '../../state/model.js'

/**
 * Entity -> output shapes, members in the botocore model's order; absent optional members are
 * left undefined (the protocol layer omits them). Timestamps are Date objects.
 */

/** Policy documents travel URL-encoded (RFC 3986, so `!'()*` are escaped too), as AWS returns them. */
export function encodePolicyDocument(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export const date = (ms: number): Date => new Date(ms)

export function boundaryOut(boundary: Attachment | undefined) {
  return boundary ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary.arn } : undefined
}

export function tagsOut(tags: Tag[]): Tag[] | undefined {
  return tags.length > 0 ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined
}

/** `User`; `full` adds PermissionsBoundary and Tags (Get/Create, not List). */
export function userOut(user: UserEntity, full: boolean) {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: date(user.createDate),
    PasswordLastUsed: user.passwordLastUsed === undefined ? undefined : date(user.passwordLastUsed),
    PermissionsBoundary: full ? boundaryOut(user.boundary) : undefined,
    Tags: full ? tagsOut(user.tags) : undefined,
  }
}

/**
 * `Role`: `list` = ListRoles (no boundary, tags or last use); `create` = CreateRole (no last use);
 * `get` = GetRole (RoleLastUsed, empty when never used).
 */
export function roleOut(role: RoleEntity, mode: 'list' | 'create' | 'get') {
  const lastUsed = role.lastUsed ? { LastUsedDate: date(role.lastUsed.date), Region: role.lastUsed.region } : {}
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: date(role.createDate),
    AssumeRolePolicyDocument: encodePolicyDocument(role.trustPolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: mode === 'list' ? undefined : boundaryOut(role.boundary),
    Tags: mode === 'list' ? undefined : tagsOut(role.tags),
    RoleLastUsed: mode === 'get' ? lastUsed : undefined,
  }
}

export function groupOut(group: GroupEntity) {
  return {
    Path: group.path,
    GroupName: group.name,
    GroupId: group.id,
    Arn: group.arn,
    CreateDate: date(group.createDate),
  }
}
