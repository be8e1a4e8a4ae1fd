import { describe, expect, it } from 'vitest';
import { parseRoomName, roomName, spaceRoom } from './room.ts';

describe('rooms', () => {
  it('ROOM-1 names a room <spaceId>/<kind>/<id>', () => {
    expect(roomName({ spaceId: 'space1', kind: 'proposal', id: 'prop01' })).toBe(
      'space1/proposal/prop01',
    );
    expect(spaceRoom('space1')).toBe('space1/space/space1');
  });

  it('ROOM-2 parses valid room names back', () => {
    expect(parseRoomName('space1/meeting/meet01')).toEqual({
      spaceId: 'space1',
      kind: 'meeting',
      id: 'meet01',
    });
    expect(parseRoomName(spaceRoom('space1'))).toEqual({
      spaceId: 'space1',
      kind: 'space',
      id: 'space1',
    });
  });

  it('ROOM-2 refuses anything else', () => {
    for (const bad of [
      '',
      'space1',
      'space1/proposal',
      'space1/proposal/prop01/extra',
      'space1/unknown/prop01',
      'space1/space/other1',
      '../../proposal/prop01',
      'space1/proposal/prop 1',
      'space1//prop01',
    ]) {
      expect(parseRoomName(bad), bad).toBeNull();
    }
  });
});
