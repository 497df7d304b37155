// Package weedtest starts a real S3 server (SeaweedFS's `weed mini`) for
// tests, on free ports, and stops it. The server also serves SeaweedFS's
// Iceberg REST catalog (SigV4 with signing name s3tables, or OAuth2 client
// credentials: the S3 keys) over the S3 Tables buckets given to Start. The binary is $NIANBAO_WEED; `make
// test` installs it and sets the variable, so CI always runs the S3 tests.
package weedtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Keys the server accepts.
const (
	AccessKey = "nianbao-test"
	SecretKey = "nianbao-test-secret"
)

// Server is a running weed mini.
type Server struct {
	Endpoint string // http://127.0.0.1:PORT
	// Iceberg is the Iceberg REST catalog's URL; its warehouses are the
	// table buckets named to Start.
	Iceberg string
	cmd     *exec.Cmd
	dir     string
	log     *os.File
	exited  chan struct{}
	tr      *http.Transport
	// sockets are the gRPC sockets weed makes in /tmp whatever TMPDIR
	// says (seaweedfs-<service>-grpc-<port>.sock, ports chosen here), removed
	// by cleanup after the server has stopped.
	sockets []string
}

// ErrNoWeed is returned by Start when NIANBAO_WEED is not set.
var ErrNoWeed = errors.New("NIANBAO_WEED is not set: S3 tests against SeaweedFS are SKIPPED (make test sets it)")

// freePorts reserves n distinct free TCP ports on 127.0.0.1.
func freePorts(n int) ([]int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	var ports []int
	for len(ports) < n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		p := l.Addr().(*net.TCPAddr).Port
		ls = append(ls, l)
		// weed derives some gRPC ports as port+10000: keep those free too.
		if p+10000 > 65535 {
			continue
		}
		ports = append(ports, p)
	}
	return ports, nil
}

// Start runs $NIANBAO_WEED mini in a new temporary folder and waits until
// its S3 API answers. tableBuckets are S3 Tables buckets (Iceberg
// warehouses of the REST catalog) made at start; they hold tables only,
// no other objects.
func Start(tableBuckets ...string) (*Server, error) {
	bin := os.Getenv("NIANBAO_WEED")
	if bin == "" {
		return nil, ErrNoWeed
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ { // a port may be taken between choosing and binding
		s, err := start(bin, tableBuckets)
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func start(bin string, tableBuckets []string) (*Server, error) {
	dir, err := os.MkdirTemp("", "nianbao-weed-")
	if err != nil {
		return nil, err
	}
	p, err := freePorts(13)
	if err != nil {
		return nil, err
	}
	args := []string{"mini", "-dir=" + dir, "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
		"-master.telemetry=false", "-admin.ui=false",
		"-master.port=" + strconv.Itoa(p[0]), "-master.port.grpc=" + strconv.Itoa(p[1]),
		"-filer.port=" + strconv.Itoa(p[2]), "-filer.port.grpc=" + strconv.Itoa(p[3]),
		"-volume.port=" + strconv.Itoa(p[4]), "-volume.port.grpc=" + strconv.Itoa(p[5]),
		"-s3.port=" + strconv.Itoa(p[6]), "-s3.port.grpc=" + strconv.Itoa(p[7]),
		"-admin.port=" + strconv.Itoa(p[8]), "-admin.port.grpc=" + strconv.Itoa(p[9]),
		"-webdav.port=" + strconv.Itoa(p[10]), "-debug.port=" + strconv.Itoa(p[11]),
		"-s3.port.iceberg=" + strconv.Itoa(p[12]), "-s3.port.lance=0", "-s3.autoCreateBucket=false",
		"-filer.localSocket=" + filepath.Join(dir, "filer.sock"), "-s3.localSocket=" + filepath.Join(dir, "s3.sock"),
	}
	var sockets []string
	for _, g := range []struct {
		service string
		port    int
	}{{"master", p[1]}, {"filer", p[3]}, {"volume", p[5]}, {"s3", p[7]}, {"admin", p[9]}} {
		sockets = append(sockets, fmt.Sprintf("/tmp/seaweedfs-%s-grpc-%d.sock", g.service, g.port))
	}
	if len(tableBuckets) > 0 {
		args = append(args, "-tableBucket="+strings.Join(tableBuckets, ","))
	}
	log, err := os.Create(dir + ".log")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	// TMPDIR inside dir: weed puts its sockets, its logs and a volume
	// folder in the temporary directory, which would outlive the server
	// in /tmp; under dir, cleanup removes them with the rest.
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+AccessKey, "AWS_SECRET_ACCESS_KEY="+SecretKey, "TMPDIR="+dir)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	s := &Server{Endpoint: fmt.Sprintf("http://127.0.0.1:%d", p[6]), Iceberg: fmt.Sprintf("http://127.0.0.1:%d", p[12]), cmd: cmd, dir: dir, log: log, exited: exited, sockets: sockets,
		tr: http.DefaultTransport.(*http.Transport).Clone()}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			b, _ := os.ReadFile(log.Name())
			s.cleanup()
			return nil, fmt.Errorf("weed exited at start: %s", tailOf(string(b)))
		default:
		}
		if s.ready(tableBuckets) {
			return s, nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.Stop()
	return nil, fmt.Errorf("weed did not answer on %s within 60s", s.Endpoint)
}

func tailOf(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// ready: the S3 API lists buckets with the test keys, the table buckets
// among them (they are made a little after the S3 API answers).
func (s *Server) ready(tableBuckets []string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := s.Client().ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return false
	}
	have := map[string]bool{}
	for _, b := range out.Buckets {
		have[aws.ToString(b.Name)] = true
	}
	for _, b := range tableBuckets {
		if !have[b] {
			return false
		}
	}
	return true
}

// Client is an S3 client of the server with the test keys.
func (s *Server) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.Endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
		HTTPClient:   &http.Client{Timeout: 10 * time.Second, Transport: s.tr},
	})
}

// Bucket creates a bucket (an existing one is fine).
func (s *Server) Bucket(name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	defer s.tr.CloseIdleConnections()
	_, err := s.Client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
	if err != nil && !strings.Contains(err.Error(), "BucketAlready") {
		return err
	}
	return nil
}

// Env is the environment a client of this server needs.
func (s *Server) Env() []string {
	return []string{"AWS_ENDPOINT_URL=" + s.Endpoint, "AWS_ACCESS_KEY_ID=" + AccessKey,
		"AWS_SECRET_ACCESS_KEY=" + SecretKey, "AWS_REGION=us-east-1"}
}

// Setenv sets Env in this process (for tests that open stores in-process).
func (s *Server) Setenv() {
	for _, kv := range s.Env() {
		k, v, _ := strings.Cut(kv, "=")
		os.Setenv(k, v)
	}
	// Shared AWS files of the machine must not change what the tests do.
	os.Setenv("AWS_CONFIG_FILE", os.DevNull)
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	os.Unsetenv("AWS_PROFILE")
	os.Unsetenv("AWS_SESSION_TOKEN")
	os.Unsetenv("AWS_ENDPOINT_URL_S3")
}

// Stop ends the server (its whole process group) and removes its data.
func (s *Server) Stop() {
	if s == nil {
		return
	}
	if s.cmd.Process != nil {
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.exited
	}
	s.cleanup()
}

// CloseIdleConnections drops the idle connections of Client.
func (s *Server) CloseIdleConnections() { s.tr.CloseIdleConnections() }

func (s *Server) cleanup() {
	if s.tr != nil {
		s.tr.CloseIdleConnections()
	}
	s.log.Close()
	os.Remove(s.log.Name())
	os.RemoveAll(s.dir)
	for _, name := range s.sockets {
		// Only a socket: a file of another kind at that name is not weed's.
		if fi, err := os.Lstat(name); err == nil && fi.Mode()&os.ModeSocket != 0 {
			os.Remove(name)
		}
	}
}
