package siwe

import (
	"net/netip"
	"strings"
)

// The character classes of RFC 3986 (section 2) and RFC 5234 (ALPHA, DIGIT, HEXDIG).

func isAlpha(c byte) bool    { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isAlphaNum(c byte) bool { return isAlpha(c) || isDigit(c) }
func isHex(c byte) bool      { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func isUnreserved(c byte) bool { return isAlphaNum(c) || strings.IndexByte("-._~", c) >= 0 }
func isSubDelim(c byte) bool   { return strings.IndexByte("!$&'()*+,;=", c) >= 0 }
func isGenDelim(c byte) bool   { return strings.IndexByte(":/?#[]@", c) >= 0 }

func isPchar(c byte) bool    { return isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' }
func isRegName(c byte) bool  { return isUnreserved(c) || isSubDelim(c) }
func isUserinfo(c byte) bool { return isRegName(c) || c == ':' }
func isQuery(c byte) bool    { return isPchar(c) || c == '/' || c == '?' }
func isPathChar(c byte) bool { return isPchar(c) || c == '/' }

// isStatementChar is EIP-4361's statement = *( reserved / unreserved / " " ).
func isStatementChar(c byte) bool {
	return isUnreserved(c) || isSubDelim(c) || isGenDelim(c) || c == ' '
}

// chars reports whether every byte of s is in class; with pct, "%" HEXDIG HEXDIG is allowed too.
func chars(s string, class func(byte) bool, pct bool) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case class(s[i]):
		case pct && s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

// isScheme is scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func isScheme(s string) bool {
	return s != "" && isAlpha(s[0]) && chars(s, func(c byte) bool {
		return isAlphaNum(c) || c == '+' || c == '-' || c == '.'
	}, false)
}

// authority checks authority = [ userinfo "@" ] host [ ":" port ] and returns the host.
func authority(s string) (host string, ok bool) {
	if userinfo, rest, found := strings.Cut(s, "@"); found {
		if !chars(userinfo, isUserinfo, true) {
			return "", false
		}
		s = rest
	}
	var port string
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 || !isIPLiteral(s[1:end]) {
			return "", false
		}
		host, s = s[:end+1], s[end+1:]
		if s != "" {
			if port, ok = strings.CutPrefix(s, ":"); !ok {
				return "", false
			}
		}
	} else {
		host, port, _ = strings.Cut(s, ":")
		if !chars(host, isRegName, true) {
			return "", false
		}
	}
	return host, chars(port, isDigit, false)
}

// isIPLiteral checks what stands between "[" and "]": IPv6address / IPvFuture.
func isIPLiteral(s string) bool {
	if s != "" && (s[0] == 'v' || s[0] == 'V') {
		ver, rest, ok := strings.Cut(s[1:], ".")
		return ok && ver != "" && chars(ver, isHex, false) && rest != "" &&
			chars(rest, isUserinfo, false)
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6() && !strings.Contains(s, "%")
}

// isURI checks URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ].
func isURI(s string) bool {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || !isScheme(scheme) {
		return false
	}
	rest, fragment, _ := strings.Cut(rest, "#")
	rest, query, _ := strings.Cut(rest, "?")
	if !chars(fragment, isQuery, true) || !chars(query, isQuery, true) {
		return false
	}
	path := rest
	if after, ok := strings.CutPrefix(rest, "//"); ok {
		// "//" authority path-abempty
		i := strings.IndexByte(after, '/')
		if i < 0 {
			i = len(after)
		}
		if _, ok := authority(after[:i]); !ok {
			return false
		}
		path = after[i:]
	}
	// path-abempty, path-absolute, path-rootless and path-empty are all *( pchar / "/" )
	// once "//" is taken by the authority.
	return chars(path, isPathChar, true)
}
