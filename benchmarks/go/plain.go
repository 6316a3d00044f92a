package main

import "encoding/json"

// plainMap is the baseline: encoding/json into map[string]any, no types.
var plainMap = contender{
	name: "map[string]any",
	decode: func(data []byte) (any, error) {
		var list map[string]any
		err := json.Unmarshal(data, &list)
		return list, err
	},
	shape: func(decoded any) shape {
		items, _ := decoded.(map[string]any)["items"].([]any)
		s := shape{Items: len(items)}
		for _, item := range items {
			pod, _ := item.(map[string]any)
			meta, _ := pod["metadata"].(map[string]any)
			labels, _ := meta["labels"].(map[string]any)
			managed, _ := meta["managedFields"].([]any)
			name, _ := meta["name"].(string)
			s.Labels += len(labels)
			s.ManagedFields += len(managed)
			s.NameBytes += len(name)
			spec, _ := pod["spec"].(map[string]any)
			containers, _ := spec["containers"].([]any)
			for _, container := range containers {
				env, _ := container.(map[string]any)["env"].([]any)
				s.Containers++
				s.Env += len(env)
			}
		}
		return s
	},
}
