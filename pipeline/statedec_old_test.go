package pipeline

import "encoding/json"

// decodeFilesOld and decodePacksOld are how openState read its indexes
// before decodeFiles and decodePacks: json.Unmarshal into the map.
func decodeFilesOld(b []byte, m *map[string]fileEntry) error { return json.Unmarshal(b, m) }

func decodePacksOld(b []byte, m *map[string]packRef) error { return json.Unmarshal(b, m) }
