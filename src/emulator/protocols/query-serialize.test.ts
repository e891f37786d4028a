import { describe, expect, it } from 'vitest'
import { AwsServiceError } from '../services/types.js'
import { QUERY_SERVICES, queryErrorXml, querySuccessXml } from './query-serialize.js'
import { xmlMap } from './xml.js'

describe('Query protocol output', () => {
  it('wraps results in <Op>Response/<Op>Result with the namespace, lists as <member>, dates ISO-8601 Z', () => {
    const xml = querySuccessXml(
      QUERY_SERVICES.iam,
      'ListUsers',
      {
        Users: [
          { Path: '/', UserName: 'a&b', CreateDate: new Date(Date.UTC(2024, 4, 1, 12, 34, 56, 789)), Tags: [] },
          { Path: '/', UserName: 'c', CreateDate: new Date(0), PasswordLastUsed: undefined },
        ],
        IsTruncated: false,
      },
      'req-1',
    )
    expect(xml).toBe(
      '<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users>' +
        '<member><Path>/</Path><UserName>a&amp;b</UserName><CreateDate>2024-05-01T12:34:56Z</CreateDate><Tags></Tags></member>' +
        '<member><Path>/</Path><UserName>c</UserName><CreateDate>1970-01-01T00:00:00Z</CreateDate></member>' +
        '</Users><IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListUsersResponse>',
    )
  })

  it('operations without output have no Result element', () => {
    expect(querySuccessXml(QUERY_SERVICES.iam, 'DeleteUser', undefined, 'r')).toBe(
      '<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>',
    )
  })

  it('serializes maps as entry/key/value', () => {
    const xml = querySuccessXml(QUERY_SERVICES.iam, 'X', { M: xmlMap({ k: 'v', n: 1 }) }, 'r')
    expect(xml).toContain('<M><entry><key>k</key><value>v</value></entry><entry><key>n</key><value>1</value></entry></M>')
  })

  it('error envelope: Type Sender/Receiver, RequestId outside Error, STS namespace', () => {
    expect(queryErrorXml(QUERY_SERVICES.sts, new AwsServiceError('AccessDenied', 403, 'User: x is not <authorized>'), 'r')).toBe(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
        '<Message>User: x is not &lt;authorized&gt;</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    )
    expect(queryErrorXml(QUERY_SERVICES.iam, new AwsServiceError('ServiceFailure', 500, 'boom'), 'r')).toContain('<Type>Receiver</Type>')
  })
})
