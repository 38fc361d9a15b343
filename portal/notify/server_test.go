package notify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"io"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// received is what the test server recorded of one message.
type received struct {
	from string
	to   []string
	data []byte
	tls  bool   // the conversation switched to TLS before MAIL
	user string // who authenticated, "" when nobody did
}

// smtpServer is a minimal SMTP server on 127.0.0.1:0 for the tests: EHLO, STARTTLS (when
// tls is set), AUTH PLAIN (when user is set), MAIL, RCPT, DATA, RSET, NOOP, QUIT. It records
// each message accepted.
type smtpServer struct {
	ln       net.Listener
	tls      *tls.Config // nil: no STARTTLS
	user     string      // "": no AUTH
	pass     string
	rcptCode int  // the reply to RCPT; 250 by default
	stall    bool // send no greeting: the client times out

	wg   sync.WaitGroup
	mu   sync.Mutex // guards got and seen
	got  []received
	seen int // connections accepted
}

// startServer starts s; it is stopped when the test ends.
func startServer(t *testing.T, s *smtpServer) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.ln = ln
	if s.rcptCode == 0 {
		s.rcptCode = 250
	}
	s.wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.seen++
			s.mu.Unlock()
			s.wg.Go(func() { s.serve(conn) })
		}
	})
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *smtpServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

func (s *smtpServer) connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen
}

// serve speaks SMTP on one connection until QUIT or an error.
func (s *smtpServer) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if s.stall {
		io.Copy(io.Discard, conn) // until the client gives up
		return
	}
	tp := textproto.NewConn(conn)
	reply := func(format string, a ...any) bool { return tp.PrintfLine(format, a...) == nil }
	var msg received
	reply("220 test.invalid ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			var ext []string
			if s.tls != nil && !msg.tls {
				ext = append(ext, "STARTTLS")
			}
			if s.user != "" {
				ext = append(ext, "AUTH PLAIN")
			}
			ext = append(ext, "8BITMIME")
			tp.PrintfLine("250-test.invalid")
			for i, e := range ext {
				sep := "-"
				if i == len(ext)-1 {
					sep = " "
				}
				tp.PrintfLine("250%s%s", sep, e)
			}
		case "STARTTLS":
			reply("220 go ahead")
			tc := tls.Server(conn, s.tls)
			if tc.Handshake() != nil {
				return
			}
			conn, tp, msg.tls = tc, textproto.NewConn(tc), true
			defer tc.Close()
		case "AUTH":
			b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(arg, "PLAIN "))
			parts := strings.Split(string(b), "\x00")
			if err != nil || len(parts) != 3 || parts[1] != s.user || parts[2] != s.pass {
				reply("535 5.7.8 authentication failed")
				continue
			}
			msg.user = parts[1]
			reply("235 2.7.0 authenticated")
		case "MAIL":
			if s.user != "" && msg.user == "" {
				reply("530 5.7.0 authentication required")
				continue
			}
			msg.from = between(arg)
			reply("250 2.1.0 ok")
		case "RCPT":
			if s.rcptCode != 250 {
				reply("%d refused", s.rcptCode)
				continue
			}
			msg.to = append(msg.to, between(arg))
			reply("250 2.1.5 ok")
		case "DATA":
			reply("354 end with .")
			if msg.data, err = tp.ReadDotBytes(); err != nil {
				return
			}
			s.mu.Lock()
			s.got = append(s.got, msg)
			s.mu.Unlock()
			msg = received{tls: msg.tls, user: msg.user}
			reply("250 2.0.0 queued")
		case "RSET", "NOOP":
			reply("250 ok")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 5.5.2 not implemented")
		}
	}
}

// between returns what is between the angle brackets of a MAIL or RCPT argument.
func between(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}

// testCert makes a self-signed certificate for host and a pool that trusts it.
func testCert(t *testing.T, host string) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: host}, DNSNames: []string{host},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
