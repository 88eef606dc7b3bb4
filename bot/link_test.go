package bot

import "testing"

func TestSafeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://intermin.fi/en/-/1410869/a?languageId=en_US": "https://intermin.fi/en/-/1410869/a?languageId=en_US",
		"http://news.err.ee/113638/7-hour-meeting":            "http://news.err.ee/113638/7-hour-meeting",
		" https://a.example/x ":                               "https://a.example/x",
		`https://a.example/x"><script>alert(1)</script>`:      "https://a.example/x%22%3E%3Cscript%3Ealert%281%29%3C/script%3E",
		"https://a.example/?q=\"x\"&y='z'|<b>":                "https://a.example/?q=%22x%22&y=%27z%27%7C%3Cb%3E",
		"https://a.example/a(b)[c]":                           "https://a.example/a%28b%29%5Bc%5D",
		"https://a.example/@room/x@y":                         "https://a.example/%40room/x%40y",
		"javascript:alert(1)":                                 "",
		"file:///etc/passwd":                                  "",
		"ftp://a.example/x":                                   "",
		"//a.example/x":                                       "",
		"https://user:pass@a.example/":                        "",
		"https:opaque":                                        "",
		"":                                                    "",
		"https://a.example/\x00":                              "",
	} {
		if got := SafeURL(in); got != want {
			t.Errorf("SafeURL(%q) = %q, want %q", in, got, want)
		}
	}
}
